"""Three short articles stating running totals, shared by the query and app tests of the running-totals series.

Two give the cumulative count of attacks on US forces a week apart; the third tells one rocket attack that it
calls "the 108th attack", a running total stated as an ordinal.
"""

from __future__ import annotations

FIRST_TOTAL = (
    "first-total.txt",
    b"Pentagon briefing on militias in Iraq and Syria\n\nFlashpoint Test Wire\n2023-11-07\n\n"
    b"BAGHDAD - Iran-backed militias have carried out at least 38 attacks on US forces in Iraq and Syria since "
    b"October 17, the Pentagon said on Tuesday.\n",
)
SECOND_TOTAL = (
    "second-total.txt",
    b"Pentagon gives new militia tally\n\nFlashpoint Test Wire\n2023-11-14\n\n"
    b"BAGHDAD - Iran-backed militias have carried out more than 60 attacks on US forces in Iraq and Syria since "
    b"October 17, the Pentagon said on Tuesday.\n",
)
ORDINAL_ATTACK = (
    "ordinal-attack.txt",
    b"Rocket attack hits Ain al-Asad air base\n\nFlashpoint Ordinal Desk\n2024-01-21\n\n"
    b"BAGHDAD - Rockets struck Ain al-Asad air base in western Iraq on Saturday in the 108th attack on US forces "
    b"in the region.\n",
)
RUNNING_TOTAL_FILES = [FIRST_TOTAL, SECOND_TOTAL, ORDINAL_ATTACK]
