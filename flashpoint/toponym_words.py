"""Word lists the toponym rules consult: titles, given names, common words and the cues of associative use."""

from __future__ import annotations

# Words before a name that make it a person's name: "Secretary Lloyd Austin", "Mr Jordan".
TITLES = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Miss President Vice Secretary Minister Premier Chancellor General Gen Gen.
    Lt Lt. Col Col. Maj Maj. Capt Capt. Sgt Sgt. Cpl Pvt Adm Adm. Brig Brig. Cmdr Commander Colonel Major Captain
    Sergeant Lieutenant Admiral Senator Sen Sen. Rep Rep. Representative Congressman Congresswoman Governor Gov Gov.
    Mayor Judge Justice Prince Princess King Queen Sheikh Sheik Emir Imam Ayatollah Pope Rabbi Father Reverend Rev
    Rev. Lord Lady Sir Dame Coach Officer Deputy Chief Spokesman Spokeswoman Spokesperson Ambassador Envoy Professor
    Prof Prof. Saint Speaker Leader Detective Agent Inspector Constable Trooper Pastor Bishop Cardinal Sultan Shah
    Mullah Hajji Haji Abu Umm Bin bin Ibn ibn""".split()
)
# Prefixes of ship names: "USS Carney", "MV Galaxy Leader".
SHIP_PREFIXES = frozenset("USS HMS MV M/V MT SS INS HMCS HMAS FS RFS ARA CNS USNS IRIS KRI".split())

# Common given names, used to spot "<given name> <place name>" person names (Lloyd Austin, Michael Jordan).
GIVEN_NAMES = frozenset(
    """Aaron Abdul Abdel Abdullah Adam Ahmad Ahmed Alan Albert Alex Alexander Ali Alice Amanda Amir Amy Andrea Andrew
    Angela Ann Anna Anne Anthony Antony Antonio Ashley Avi Barack Barbara Ben Benjamin Benny Betty Bill Bob Brad
    Brandon Brian Bruce Carl Carlos Carol Catherine Charles Charlie Chris Christian Christina Christine Christopher
    Chuck Claire Daniel Danny David Deborah Dennis Diana Donald Donna Doug Douglas Ed Edward Elizabeth Emily Emma Eric
    Erik Ethan Fatima Frank Fred Gary George Gerald Gilad Gordon Greg Gregory Hamid Hannah Harold Harry Hassan Heather
    Helen Henry Hossein Hussein Ibrahim Isaac Ismail Jack Jake James Jane Janet Jason Jeff Jeffrey Jennifer Jeremy
    Jessica Jim Jimmy Joan Joe Joel John Johnny Jonathan Joseph Josh Joshua Joyce Juan Judith Julia Julie Justin Karen
    Kate Katherine Kathleen Keith Kelly Ken Kenneth Kevin Kim Kimberly Kyle Larry Laura Lauren Lawrence Linda Lisa Lloyd
    Louis Luis Lynn Mahmoud Marco Margaret Maria Marie Mark Martha Martin Mary Matt Matthew Megan Melissa Michael
    Michelle Mike Mohamed Mohammad Mohammed Muhammad Mustafa Naftali Nancy Nasser Nathan Nicholas Nick Nicole Omar
    Pamela Pat Patricia Patrick Paul Peter Philip Philippe Rachel Ralph Randy Raymond Rebecca Richard Rick Robert Roger
    Ron Ronald Rose Russell Ruth Ryan Saleh Sam Samuel Sandra Sara Sarah Scott Sean Sharon Shirley Stephanie Stephen
    Steve Steven Susan Thomas Tim Timothy Todd Tom Tony Tyler Victoria Vincent Walter Wayne William Yahya
    Yasser Yossi Yusuf Zachary Vladimir Sergei Sergey Dmitry Recep Emmanuel Olaf Rishi Keir Narendra Ursula Josep
    Volodymyr Ayman Fuad Masoud Masrour Nechirvan Esmail Abbas Khalil Walid Nabih Najib Michel Saad Rafik Bashar Hafez
    Maher Faisal Salman Tamim Abdulaziz Khaled Khalid Hamad Zayed Anwar Gamal Hosni Hakan Herzi Yoav Gadi Itamar
    Bezalel Yair Ehud Moshe Eli Amos Lindsey Mitch Kamala Ilhan Rashida Marjorie Ted Rand Bernie Jens Antonio Boris
    Ebrahim Qassem Qasem Ismail Mohsen""".split()
)

# Place names that are also given names: followed by a capitalised word they start a person's name (Jordan Peterson).
GIVEN_NAME_PLACES = frozenset(
    """austin jordan paris georgia chelsea victoria florence savannah madison lincoln jackson israel india brooklyn
    regina virginia carolina kent chester troy aurora eugene tyler warren marion clinton alexandria""".split()
)

# Capitalised words (sentence starts, titles, names) that GeoNames also lists as places; never read as places alone.
COMMON_WORDS = frozenset(
    """a about after again against all also although among an and another any are around as at back bath be because
    been before being between both but by can come could day deal did do does down during each early even every few
    first for from further had has have he her here him his hope how however i if in into is it its just last later
    like made make many march may me might more most much must my never new next no nor not now of off on once one only
    or other our out over own people police reading said same say says see she should since so some still such take
    than that the their them then there these they this those though through time to today too under until up us very
    was we well were what when where which while who whom why will with within without would year yet you your
    monday tuesday wednesday thursday friday saturday sunday january february april june july august september
    october november december mary biden bush said trump obama mobile nice split sale eagle price temple lead post
    media mission union unity liberty independence victory freedom justice progress security defense defence republic
    commerce enterprise industry energy centre center globe hamas hezbollah houthi houthis islamic state states
    national international government army navy force forces military official officials minister ministry office
    council party front north south east west northern southern eastern western central greater upper lower
    christmas easter ramadan eid god allah jesus church mosque white house pentagon kremlin congress senate
    parliament agency press reuters associated france24 telegram twitter facebook instagram youtube tiktok google
    apple amazon microsoft boeing lockheed raytheon ocean sea gulf bay river lake mount mountain island islands
    valley city town village county district province region area capital border camp base port airport station
    bridge street road avenue square market hospital school university college tower hall park garden beach
    canal desert coast crossing gate summit maritime interior coastal lakes highlands lowlands plains plateau
    midlands capital islands abu umm bin ibn bint sheikh sayyed sayyid haji mullah
    downtown uptown midtown inner outer man middle bank northeast northwest southeast southwest
    superior olympic metro continental
    savanes kara plateaux centrale atlantique littoral""".split()
)

# Words that, after a place name, make it part of an organisation's name ("Hindustan Times", "Galaxy Maritime").
ORGANISATION_WORDS = frozenset(
    """Times Post News Herald Tribune Journal Gazette Telegraph Daily Today Observer Chronicle Examiner Review Star
    Sun Mirror Express Independent Standard Guardian Record Register Bulletin Courier Dispatch Monitor Insider
    Maritime Shipping Lines Airways Airlines Aviation Petroleum Holdings Group Ltd Ltd. Inc Inc. Corp Corp.
    Corporation Company Co Co. Bank Capital Partners Media Press TV Television Radio Broadcasting Channel Network
    University College Institute Foundation Museum Agency Council Party Front Movement Brigade Brigades Battalion
    Army Navy Guard Guards Force Forces Police Defense Defence Club FC United Rovers Wanderers Athletic
    Stock Exchange Energy Oil Gas Telecom Motors Steel Mining Resources Ventures Securities Insurance Bureau
    Association Commission Department Division Systems Medical Public School Schools Board Boards Authority Service
    Services Tech Technologies Health Hospital Electric Power Water Utilities Railway Railways Transit Federation
    Chamber Society Union League Conference Festival Symphony Orchestra Opera Theatre Theater Zoo Library Academy
    Church Ministries Trust Fund Department's Supreme Court Senate Assembly Legislature Democrats Republicans
    Democratic Republican Reserve Guard National Ports Marine Marines Coast Patrol Emergency Management Eye Online
    Wire Digest Weekly Report Reporter Focus Live""".split()
)

# Hyphenated words that make the place before them stand for its government or people ("Iran-backed").
ASSOCIATIVE_SUFFIXES = frozenset(
    """backed sponsored supported funded armed aligned allied affiliated linked led made built flagged registered
    owned operated controlled held bound brokered mediated""".split()
)
# Verbs after a place name that make it a government speaking or acting ("Tehran said", "Washington warned").
SPEECH_VERBS = frozenset(
    """said says say announced announces warned warns condemned condemns denied denies claimed claims accused accuses
    vowed vows threatened threatens stated states insisted insists urged urges demanded demands told tells blamed
    blames rejected rejects responded responds retaliated retaliates has have had would will wants agreed agrees
    called calls confirmed confirms declined declines pledged pledges promised promises sought seeks""".split()
)
# Nouns after a possessive place name that make it the state rather than the land ("Iran's supreme leader").
INSTITUTION_NOUNS = frozenset(
    """government military army navy forces war leader leaders leadership president prime foreign defense defence
    supreme minister ministry officials official ambassador envoy intelligence regime allies ally proxies proxy
    embassy mission delegation parliament cabinet administration security state national""".split()
)
# Words that continue a place's name ("Jordan Valley", "Victoria Island"), so what precedes them is no given name.
PLACE_FEATURE_WORDS = frozenset(
    """valley river strip city province governorate region district county state sea bay gulf lake island islands
    mountains hills heights desert coast border crossing camp base port airport harbour harbor airbase dam
    international refinery field oilfield barracks""".split()
)
# Names of institutions and buildings that GeoNames also lists as towns; in the news they are the institution.
NOT_PLACES = frozenset(
    ["white house", "west wing", "notre dame", "capitol hill", "downing street", "wall street", "pentagon"]
)
# Words before a name that announce a place: "in Bellmore", "near Shaddadi", "residents of Hebron".
LOCATIVE_WORDS = frozenset(
    """in at near from outside to into toward towards across around of via through between inside within
    across throughout beyond north south east west northeast northwest southeast southwest downtown""".split()
)
# Verbs of saying after a town's name make it a person ("Bryant said"); capitals and countries speak for states.
REPORTING_VERBS = frozenset(
    "said says say told tells tweeted wrote added explained noted recalled asked replied stated insisted".split()
)
# Words after a place's name that make it a street's ("al-Rashid Street", "Atlantic Ave.").
STREET_WORDS = frozenset(
    "Street St. Road Rd Rd. Avenue Ave Ave. Boulevard Blvd Blvd. Drive Dr. Lane Highway Expressway Parkway".split()
)
# Lower-case roles written right before a person's name ("spokesman Basim al-Awadi", "commander Wissam Tawil").
ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson minister commander leader chief official president premier envoy
    ambassador general colonel lieutenant captain sergeant officer deputy director secretary adviser advisor
    analyst researcher professor journalist reporter photographer correspondent lawmaker senator governor mayor
    cleric imam sheikh militant fighter""".split()
)
# Last words of parties, armed groups and firms named after a place ("Kurdistan Workers' Party"); a town's police,
# courts and schools ("Athens Police Department") are local news about the town itself and are left alone.
NAMED_BODY_WORDS = frozenset(
    """Party Front Movement Brigade Brigades Battalion Battalions Alliance Organisation Organization Federation
    League Army Corps Group Company Corporation Corp Inc Ltd Holdings Airlines Airways Shipping Maritime Lines
    Industries Bank Network""".split()
)
