"""Labels and definitions of the indicators other modules register (jobfairs, vacancies,
applications, assistance). They live here so that the statistics catalogue
(jiuye/stats/locale) carries their translations: extracting messages scans one folder at a
time, and these strings belong to the statistics the bureau reports."""

from django.utils.translation import gettext_lazy as _

PEOPLE = _("people")
HOUSEHOLDS = _("households")
FAIRS = _("fairs")
EMPLOYERS = _("employers")
VACANCIES = _("vacancies")
POSITIONS = _("positions")
APPLICATIONS = _("applications")
PLACEMENTS = _("placements")

JOB_FAIRS = _("Job fairs held")
JOB_FAIRS_DESC = _("Job fairs (online or on site) starting in the period, in the fair's area.")
FAIR_EMPLOYERS = _("Employers at job fairs")
FAIR_EMPLOYERS_DESC = _(
    "Approved employer participations in job fairs starting in the period, in the fair's "
    "area; an employer at two fairs counts twice."
)
VACANCIES_LABEL = _("Vacancies posted")
VACANCIES_DESC = _(
    "Vacancies published (posted live) in the period, in the vacancy's area, whatever their "
    "status now; drafts, vacancies awaiting verification and duplicates are not counted."
)
POSITIONS_OFFERED = _("Positions offered")
POSITIONS_OFFERED_DESC = _("The number of positions (headcount) of the vacancies posted.")
JOB_SEEKERS_APPLIED = _("Job seekers who applied")
JOB_SEEKERS_APPLIED_DESC = _(
    "People who made at least one application in the period, in the area of their "
    "household registration, each counted once."
)
APPLICATIONS_LABEL = _("Applications")
APPLICATIONS_DESC = _("Applications made in the period, in the vacancy's area.")
HIRES = _("Hires")
HIRES_DESC = _(
    "Applications that ended in a hire in the period (hired on a day of the period), in the "
    "vacancy's area."
)

DIFFICULTY_PEOPLE_EMPLOYED = _("People with employment difficulties helped into work")
DIFFICULTY_PEOPLE_EMPLOYED_DESC = _(
    "People certified as having employment difficulties (certified on or before the day they "
    "started, the certification still valid that day and not revoked) who started work in the "
    "period, each counted once, in the area of their household registration."
)
WELFARE_POSTS_FILLED = _("People placed in public welfare posts")
WELFARE_POSTS_FILLED_DESC = _(
    "Placements in public welfare posts starting in the period, in the post's area."
)
WELFARE_POSTS_FILLED_TYPE = _("People placed in public welfare posts: %(type)s")
WELFARE_POSTS_FILLED_TYPE_DESC = _(
    "Placements in public welfare posts of this type starting in the period, in the post's area."
)
WELFARE_POSTS_DISABLED = _("People with disabilities placed in public welfare posts")
WELFARE_POSTS_DISABLED_DESC = _(
    "Of the placements in public welfare posts starting in the period, those of people in "
    "the disabled group on the day the placement started."
)
CLEARED = _("Zero-employment households cleared")
CLEARED_DESC = _(
    "Households whose zero-employment case was cleared (a member in work) in the period, "
    "each counted once, in the household's area."
)
VISITED = _("Households visited")
VISITED_DESC = _(
    "Households with at least one home visit in the period, each counted once, in the "
    "household's area."
)

# Column headings of the drill-down lists.
COL_NAME = _("Name")
COL_FAIR = _("Job fair")
COL_STARTS = _("Starts")
COL_AREA = _("Area")
COL_EMPLOYER = _("Employer")
COL_TITLE = _("Job title")
COL_POSITIONS = _("Positions")
COL_POSTED = _("Posted on")
COL_STATUS = _("Status")
COL_APPLIED = _("Applied at")
COL_HIRED = _("Hired at")
COL_SEEKER = _("Job seeker")
COL_POST = _("Post")
COL_POST_TYPE = _("Post type")
COL_PERSON = _("Person")
COL_FROM = _("From")
