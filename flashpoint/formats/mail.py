"""Read an article sent as an e-mail (.eml): subject as title, sending date, and the text or HTML body."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from flashpoint.errors import ArticleReadError
from flashpoint.formats.html import html_layout
from flashpoint.formats.layout import Layout, lay_out

# Header values and parts that the standard library cannot interpret raise these.
MAIL_FAILURES = (LookupError, ValueError, TypeError, IndexError, AttributeError)


def read_email(data: bytes, filename: str) -> Layout:
    """The article in an e-mail; a header block in the body (outlet, date) is read like a plain article's."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not message.keys():
            raise ArticleReadError(filename, "not an e-mail message (no headers)")
        subject = " ".join(str(message.get("subject", "")).split())
        sent = message.get("date")
        body_part = message.get_body(preferencelist=("plain", "html"))
        if body_part is None:
            raise ArticleReadError(filename, "the e-mail has no text or HTML body")
        content = body_part.get_content()
        is_html = body_part.get_content_type() == "text/html"
        sent_on = parsedate_to_datetime(str(sent)).date() if sent else None
    except MAIL_FAILURES as error:
        raise ArticleReadError(filename, f"broken e-mail message ({error})") from error
    if not isinstance(content, str):
        raise ArticleReadError(filename, "the e-mail body is not text")
    if is_html:
        inner = html_layout(content, filename)
        layout = lay_out("\n\n".join(part for part in (subject, inner.body) if part))
        published = inner.published or sent_on
    else:
        layout = lay_out(f"{subject}\n\n{content}" if subject else content)
        published = layout.published or sent_on
    return Layout(title=layout.title, body=layout.body, source=layout.source, published=published)
