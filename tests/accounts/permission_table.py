"""Who may reach what: the permission matrix's table, asserted by
``test_permission_matrix.py`` and written out for people in docs/permissions.md
(``python -m tests.accounts.permission_doc`` writes it; a test fails when the two
differ).

A section per model admin (its label), one for the admin site's own URLs, and one
per area outside the admin that needs signing in. A row is a URL, or a POST to it
("change POST": the change form sent back unchanged; "action publish": the action
run on one object from the list), with the object in brackets when an admin is
asked about more than one (a draft and a published project). Its words are what
each role (the columns, in the order of ROLES) gets:

    ok     the page opens                 done   the POST changed the database
    redir  sent on to another page        kept   the POST changed nothing
    login  sent to sign in                index  sent to the admin's index: the
    400, 403, 404, 405  refused                  object is hidden from them

"kept" is a refusal too: the action is not offered to them, the object is not
theirs, or the step does not apply. Objects belong to the Directorate of
Bilateral Cooperation: "editor_own" works there, "editor_other" in Multilateral
Cooperation; the reviewer, the reader and the administration user work there too
(a membership alone grants nothing). The focal point is Tucumán's; its
proposals are "draft", "submitted", "under review", Salta's is "other province".

A new admin, URL, action or view fails the test until it has a row here: run the
test, read what each role got, check it against the Roles of DESIGN.md, and write
the row.
"""
# ruff: noqa: E501 (one row per line, its columns aligned)

from .permission_blocks import (
    CALL_ROWS,
    DIRECTORATE_ROWS,
    DIRECTORY_LIST,
    IMPORTED_LIST,
    PROJECT_ROWS,
    REFERENCE_LIST,
    RESULT_ROWS,
    SIGN_IN_LOG,
)

ROLES = (
    "anonymous",
    "editor_own",
    "editor_other",
    "coordination",
    "reviewer",
    "reader",
    "administration",
    "focal_point",
    "superuser",
)
# The roles as people call them: the shipped groups (accounts/roles.py).
ROLE_TITLES = {
    "anonymous": "anonymous",
    "editor_own": "Editor de proyectos, own directorate",
    "editor_other": "Editor de proyectos, other directorate",
    "coordination": "Coordinación",
    "reviewer": "Revisor de propuestas",
    "reader": "Lectura",
    "administration": "Administración",
    "focal_point": "focal point (not staff)",
    "superuser": "superuser",
}
ALLOWED = {"ok", "done", "redir"}
REFUSED = {"kept", "login", "index", "400", "403", "404", "405"}

# The views outside the admin that anybody may see (or that sign people in): out
# of the matrix. A new view must be here or in matrix_plan.VIEWS_ASKED.
PUBLIC_VIEWS = {
    "healthz",
    "favicon.ico",
    "^admin/projects/proposal/(?P<rest>.*)$",  # old links, sent on to /admin/proposals/
    "home",
    "about",
    "opendata:stats",
    "opendata:export-csv",
    "opendata:export-json",
    "opendata:export-xlsx",
    "open-data",
    "data-catalogue",
    "opendata:export-schema",
    "opendata:iati-xml",
    "opendata:project-json",
    "opendata:project-xml",
    "opendata:programme-json",
    "opendata:programme-xml",
    # The read-only open-data API (opendata/api/), and 404 for the rest of /api/.
    "api:openapi-json",
    "api:openapi-view",
    "api:index",
    "api:api-root",
    "api:project-list",
    "api:project-detail",
    "api:programme-list",
    "api:programme-detail",
    "api:country-list",
    "api:country-detail",
    "api:organisation-list",
    "api:organisation-detail",
    "api:bloc-list",
    "api:bloc-detail",
    "api:unit-list",
    "api:unit-detail",
    "api:representation-list",
    "api:representation-detail",
    "api-not-found",
    "iati-index",
    "iati:index-json",
    "iati:organisation",
    "iati:file",
    "projects:project-list",
    "projects:project-detail",
    "programmes:programme-detail",
    "projects:document-download",
    "projects:mission-report-download",
    "projects:project-feed-atom",
    "projects:project-feed-rss",
    "robots",
    "search",
    "sitemap",
    "sitemap-section",
    "partners:partner-list",
    "partners:institution-list",
    "partners:country-detail",
    "partners:organisation-detail",
    "partners:bloc-detail",
    "partners:province-detail",
    "directory:directory",
    "directory:representation-list",
    "directory:focal-point-list",
    "directory:unit-detail",
    "directory:unit-vcard",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation",
}


TABLE = {
    "admin site": """
index                                                 login ok    ok    ok    ok    ok    ok    login ok
login                                                 ok    index index index index index index ok    index
logout POST                                           index done  done  done  done  done  done  index done
password_change                                       login ok    ok    ok    ok    ok    ok    login ok
password_change_done                                  login ok    ok    ok    ok    ok    ok    login ok
jsi18n                                                login ok    ok    ok    ok    ok    ok    login ok
view_on_site                                          login redir redir redir redir redir redir login redir
object link                                           login redir redir redir redir redir redir login redir
catch-all                                             login 404   404   404   404   404   404   login 404
app_list auth                                         login 404   404   404   404   404   ok    login ok
app_list axes                                         login 404   404   404   404   404   ok    login ok
app_list directory                                    login ok    ok    ok    404   ok    ok    login ok
app_list django_tasks_database                        login 404   404   404   404   404   404   login ok
app_list partners                                     login ok    ok    ok    404   ok    ok    login ok
app_list projects                                     login ok    ok    ok    ok    ok    ok    login ok
app_list proposals                                    login ok    ok    ok    ok    ok    ok    login ok
autocomplete directory.focalpoint.province            login ok    ok    ok    403   ok    ok    login ok
autocomplete directory.focalpointaccount.focal_point  login 403   403   403   403   ok    ok    login ok
autocomplete directory.representation.country         login ok    ok    ok    403   ok    ok    login ok
autocomplete directory.staffmembership.unit           login ok    ok    ok    403   ok    ok    login ok
autocomplete directory.staffmembership.user           login 403   403   403   403   403   ok    login ok
autocomplete partners.blocmembership.bloc             login ok    ok    ok    403   ok    ok    login ok
autocomplete partners.blocmembership.country          login ok    ok    ok    403   ok    ok    login ok
autocomplete partners.organisation.country            login ok    ok    ok    403   ok    ok    login ok
autocomplete partners.subdivision.country             login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.budget.currency                 login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.participation.country           login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.participation.currency          login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.participation.organisation      login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.project.blocs                   login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.project.provinces               login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.project.sdg_targets             login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.project.segib_sector            login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.projectsector.sector            login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.result.project                  login ok    ok    ok    ok    ok    ok    login ok
autocomplete projects.location.province              login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.location.subdivision           login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.subnationalparticipation.province login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.subnationalparticipation.subdivision login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.jointcommission.country         login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.mission.country                 login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.mission.currency                login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.mission.institutions            login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.programme.commission            login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.mission.project                 login ok    ok    ok    ok    ok    ok    login ok
autocomplete projects.transaction.currency            login ok    ok    ok    403   ok    ok    login ok
autocomplete projects.transaction.project             login ok    ok    ok    ok    ok    ok    login ok
autocomplete projects.project.programme               login ok    ok    ok    403   ok    ok    login ok
autocomplete proposals.call.commission                login ok    ok    ok    403   ok    ok    login ok
autocomplete proposals.call.country                   login ok    ok    ok    403   ok    ok    login ok
autocomplete proposals.call.programme                 login ok    ok    ok    403   ok    ok    login ok
autocomplete proposals.call.provinces                 login ok    ok    ok    403   ok    ok    login ok
""",
    "projects.project": """
changelist                                            login ok    ok    ok    ok    ok    ok    login ok
add                                                   login ok    ok    ok    403   403   403   login ok
import                                                login ok    ok    ok    403   403   403   login ok
process_import POST                                   login done  kept  done  403   403   403   login done
export                                                login ok    ok    ok    ok    ok    ok    login ok
change [draft]                                        login ok    index ok    ok    ok    ok    login ok
change [published]                                    login ok    ok    ok    ok    ok    ok    login ok
change POST [draft]                                   login done  index done  403   403   403   login done
change POST [published]                               login done  403   done  403   403   403   login done
delete [draft]                                        login 403   403   ok    403   403   403   login ok
delete [published]                                    login 403   403   ok    403   403   403   login ok
delete POST [draft]                                   login 403   403   done  403   403   403   login done
delete POST [published]                               login 403   403   done  403   403   403   login done
history [draft]                                       login ok    403   ok    ok    ok    ok    login ok
history [published]                                   login ok    ok    ok    ok    ok    ok    login ok
simple_history [draft]                                login ok    403   ok    ok    ok    ok    login ok
simple_history [published]                            login ok    ok    ok    ok    ok    ok    login ok
simple_history POST [draft]                           login done  403   done  403   403   403   login done
simple_history POST [published]                       login done  403   done  403   403   403   login done
action archive [draft]                                login done  kept  done  kept  kept  kept  login done
action archive [published]                            login done  kept  done  kept  kept  kept  login done
action delete_selected [draft]                        login kept  kept  done  kept  kept  kept  login done
action delete_selected [published]                    login kept  kept  done  kept  kept  kept  login done
action publish [draft]                                login done  kept  done  kept  kept  kept  login done
action publish [published]                            login done  kept  done  kept  kept  kept  login done
action rekey_iati_identifier [draft]                  login done  kept  done  kept  kept  kept  login done
action rekey_iati_identifier [published]              login done  kept  done  kept  kept  kept  login done
""",
    "projects.jointcommission": DIRECTORATE_ROWS,
    "projects.programme": DIRECTORATE_ROWS,
    "proposals.call": CALL_ROWS,
    "projects.mission": PROJECT_ROWS,
    "projects.transaction": PROJECT_ROWS,
    "projects.result": RESULT_ROWS,
    # An indicator's page (its periods): its result's rights; added on the result's.
    "projects.indicator": RESULT_ROWS.replace(
        "add                                                   login ok    ok    ok    403   403   403   login ok",
        "add                                                   login 403   403   403   403   403   403   login 403",
    ),
    "proposals.proposal": """
changelist                                            login 403   403   403   ok    ok    ok    login ok
add                                                   login 403   403   403   403   403   403   login 403
change [submitted]                                    login 403   403   403   ok    ok    ok    login ok
change [draft]                                        login 403   403   403   index index index login index
change POST [submitted]                               login 403   403   403   403   403   403   login 403
change POST [draft]                                   login 403   403   403   index index index login index
delete [submitted]                                    login 403   403   403   403   403   403   login ok
delete [draft]                                        login 403   403   403   403   403   403   login index
delete POST [submitted]                               login 403   403   403   403   403   403   login done
delete POST [draft]                                   login 403   403   403   403   403   403   login index
history [submitted]                                   login 403   403   403   ok    ok    ok    login ok
history [draft]                                       login 403   403   403   403   403   403   login 403
simple_history [submitted]                            login 403   403   403   ok    ok    ok    login ok
simple_history [draft]                                login 403   403   403   403   403   403   login 403
simple_history POST [submitted]                       login 403   403   403   403   403   403   login 403
simple_history POST [draft]                           login 403   403   403   403   403   403   login 403
review POST [submitted]                               login index index index done  index index login done
review POST [draft]                                   login index index index 404   index index login 404
action delete_selected [submitted]                    login 403   403   403   kept  kept  kept  login done
action delete_selected [draft]                        login 403   403   403   kept  kept  kept  login kept
action delete_selected [under review]                 login 403   403   403   kept  kept  kept  login done
action review_accept [under review]                   login 403   403   403   done  kept  kept  login done
action review_accept [draft]                          login 403   403   403   kept  kept  kept  login kept
action review_reject [under review]                   login 403   403   403   done  kept  kept  login done
action review_reject [draft]                          login 403   403   403   kept  kept  kept  login kept
action review_request_changes [under review]          login 403   403   403   done  kept  kept  login done
action review_request_changes [draft]                 login 403   403   403   kept  kept  kept  login kept
action review_start_review [submitted]                login 403   403   403   done  kept  kept  login done
action review_start_review [draft]                    login 403   403   403   kept  kept  kept  login kept
""",
    "partners.region": IMPORTED_LIST,
    "partners.country": IMPORTED_LIST,
    "partners.province": IMPORTED_LIST,
    "partners.bloc": IMPORTED_LIST,
    "partners.organisation": IMPORTED_LIST,
    "partners.blocmembership": """
changelist                                            login 403   403   403   403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
import                                                login 403   403   403   403   403   ok    login ok
process_import POST                                   login 403   403   403   403   403   done  login done
export                                                login 403   403   403   403   ok    ok    login ok
change                                                login 403   403   403   403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login 403   403   403   403   ok    ok    login ok
simple_history                                        login 403   403   403   403   ok    ok    login ok
simple_history POST                                   login 403   403   403   403   403   done  login done
action delete_selected                                login 403   403   403   403   kept  done  login done
""",
    "directory.unit": REFERENCE_LIST,
    "partners.subdivision": REFERENCE_LIST,
    "directory.representation": """
changelist                                            login 403   403   403   403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
import                                                login 403   403   403   403   403   ok    login ok
process_import POST                                   login 403   403   403   403   403   kept  login kept
export                                                login 403   403   403   403   ok    ok    login ok
change                                                login 403   403   403   403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login 403   403   403   403   ok    ok    login ok
simple_history                                        login 403   403   403   403   ok    ok    login ok
simple_history POST                                   login 403   403   403   403   403   done  login done
action delete_selected                                login 403   403   403   403   kept  done  login done
""",
    "directory.staffmembership": DIRECTORY_LIST,
    "directory.focalpoint": DIRECTORY_LIST,
    "directory.institutionaltext": DIRECTORY_LIST,
    "directory.focalpointaccount": """
changelist                                            login 403   403   403   403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
change                                                login 403   403   403   403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login 403   403   403   403   ok    ok    login ok
action deactivate                                     login 403   403   403   403   kept  done  login done
action delete_selected                                login 403   403   403   403   kept  done  login done
action reactivate                                     login 403   403   403   403   kept  done  login done
action send_invitations                               login 403   403   403   403   kept  done  login done
""",
    "projects.sectorcategory": REFERENCE_LIST,
    "projects.sector": REFERENCE_LIST,
    "projects.segibsector": REFERENCE_LIST,
    "projects.sdggoal": REFERENCE_LIST,
    "projects.sdgtarget": REFERENCE_LIST,
    "projects.currency": REFERENCE_LIST,
    "projects.documentcategory": REFERENCE_LIST,
    "auth.user": """
changelist                                            login 403   403   403   403   403   ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
change [staff]                                        login 403   403   403   403   403   ok    login ok
change [superuser]                                    login 403   403   403   403   403   ok    login ok
change POST [staff]                                   login 403   403   403   403   403   done  login done
change POST [superuser]                               login 403   403   403   403   403   403   login done
password_change [staff]                               login 403   403   403   403   403   ok    login ok
password_change [superuser]                           login 403   403   403   403   403   403   login ok
delete [staff]                                        login 403   403   403   403   403   ok    login ok
delete [superuser]                                    login 403   403   403   403   403   403   login ok
delete POST [staff]                                   login 403   403   403   403   403   done  login done
delete POST [superuser]                               login 403   403   403   403   403   403   login done
history [staff]                                       login 403   403   403   403   403   ok    login ok
history [superuser]                                   login 403   403   403   403   403   ok    login ok
action delete_selected [staff]                        login 403   403   403   403   403   done  login done
action delete_selected [superuser]                    login 403   403   403   403   403   403   login done
action reset_two_factor [staff]                       login 403   403   403   403   403   done  login done
action reset_two_factor [superuser]                   login 403   403   403   403   403   kept  login done
""",
    "auth.group": """
changelist                                            login 403   403   403   403   403   ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
change [local]                                        login 403   403   403   403   403   ok    login ok
change [role]                                         login 403   403   403   403   403   ok    login ok
change POST [local]                                   login 403   403   403   403   403   done  login done
change POST [role]                                    login 403   403   403   403   403   done  login done
delete [local]                                        login 403   403   403   403   403   ok    login ok
delete [role]                                         login 403   403   403   403   403   403   login 403
delete POST [local]                                   login 403   403   403   403   403   done  login done
delete POST [role]                                    login 403   403   403   403   403   403   login 403
history [local]                                       login 403   403   403   403   403   ok    login ok
history [role]                                        login 403   403   403   403   403   ok    login ok
action delete_selected [local]                        login 403   403   403   403   403   done  login done
action delete_selected [role]                         login 403   403   403   403   403   403   login 403
""",
    "axes.accessattempt": """
changelist                                            login 403   403   403   403   403   ok    login ok
add                                                   login 403   403   403   403   403   403   login 403
change                                                login 403   403   403   403   403   ok    login ok
change POST                                           login 403   403   403   403   403   403   login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login 403   403   403   403   403   ok    login ok
action cleanup_expired_attempts                       login 403   403   403   403   403   done  login done
action delete_selected                                login 403   403   403   403   403   done  login done
""",
    "axes.accesslog": SIGN_IN_LOG,
    "axes.accessfailurelog": SIGN_IN_LOG,
    "django_tasks_database.dbtaskresult": """
changelist                                            login 403   403   403   403   403   403   login ok
add                                                   login 403   403   403   403   403   403   login 403
change                                                login 403   403   403   403   403   403   login ok
change POST                                           login 403   403   403   403   403   403   login 403
delete                                                login 403   403   403   403   403   403   login 403
delete POST                                           login 403   403   403   403   403   403   login 403
history                                               login 403   403   403   403   403   403   login ok
""",
    "programmes": """
minutes-download [not public]                         404   ok    ok    ok    404   ok    ok    404   ok
commission-minutes-download [not public]              404   ok    ok    ok    404   ok    ok    404   ok
minutes-download [public]                             ok    ok    ok    ok    ok    ok    ok    ok    ok
commission-minutes-download [public]                  ok    ok    ok    ok    ok    ok    ok    ok    ok
""",
    "proposals": """
proposal-list                                         login 403   403   403   ok    403   403   ok    ok
proposal-create                                       login 403   403   403   403   403   403   ok    403
proposal-create POST                                  login 403   403   403   403   403   403   done  403
call-list                                             login 403   403   403   ok    403   403   ok    ok
call-detail                                           login 403   403   403   ok    403   403   ok    ok
proposal-detail [draft]                               login 403   403   403   404   403   403   ok    404
proposal-edit [draft]                                 login 403   403   403   404   403   403   ok    404
proposal-edit POST [draft]                            login 403   403   403   404   403   403   done  404
attachment-download [draft]                           login 404   404   404   404   404   404   ok    404
stored-file [draft]                                   login 404   404   404   404   404   404   ok    404
proposal-transition submit [draft]                    login 403   403   403   404   403   403   ok    404
proposal-transition submit POST [draft]               login 403   403   403   404   403   403   done  404
proposal-detail [submitted]                           login 403   403   403   ok    403   403   ok    ok
proposal-edit [submitted]                             login 403   403   403   403   403   403   redir 403
proposal-edit POST [submitted]                        login 403   403   403   403   403   403   kept  403
attachment-download [submitted]                       login 404   404   404   ok    ok    ok    ok    ok
stored-file [submitted]                               login 404   404   404   ok    ok    ok    ok    ok
proposal-transition withdraw [submitted]              login 403   403   403   403   403   403   ok    403
proposal-transition withdraw POST [submitted]         login 403   403   403   kept  403   403   done  kept
proposal-detail [other province]                      login 403   403   403   ok    403   403   404   ok
proposal-edit [other province]                        login 403   403   403   403   403   403   404   403
proposal-edit POST [other province]                   login 403   403   403   403   403   403   404   403
attachment-download [other province]                  login 404   404   404   ok    ok    ok    404   ok
stored-file [other province]                          login 404   404   404   ok    ok    ok    404   ok
proposal-transition withdraw [other province]         login 403   403   403   403   403   403   404   403
proposal-transition withdraw POST [other province]    login 403   403   403   kept  403   403   404   kept
""",
    "accounts": """
account                                               login ok    ok    ok    ok    ok    ok    ok    ok
account POST                                          login done  done  done  done  done  done  done  done
password_change                                       login ok    ok    ok    ok    ok    ok    ok    ok
password_change POST                                  login done  done  done  done  done  done  done  done
password_change_done                                  login ok    ok    ok    ok    ok    ok    ok    ok
two-factor                                            login ok    ok    ok    ok    ok    ok    ok    ok
two-factor-verify                                     login redir redir redir redir redir redir redir redir
two-factor-setup                                      login ok    ok    ok    ok    ok    ok    ok    ok
two-factor-backup-codes                               login ok    ok    ok    ok    ok    ok    ok    ok
two-factor-new-backup-codes POST                      login kept  kept  kept  kept  kept  kept  kept  kept
two-factor-off POST                                   login 400   400   400   400   400   400   400   400
""",
}


def expected():
    """{(section, row): {role: word}} of TABLE."""
    rows = {}
    for section, text in TABLE.items():
        for line in text.strip().splitlines():
            parts = line.split()
            name, words = " ".join(parts[: -len(ROLES)]), parts[-len(ROLES) :]
            if unknown := set(words) - ALLOWED - REFUSED:
                raise ValueError(f"{section} | {name}: no such word {unknown}")
            rows[section, name] = dict(zip(ROLES, words, strict=True))
    return rows
