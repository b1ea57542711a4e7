"""The blocks of rows that several admins of the permission table share
(``permission_table.TABLE`` names them per model); the words are those of
``permission_table``'s docstring."""
# ruff: noqa: E501 (one row per line, its columns aligned)

# partners.region, partners.country, partners.province, partners.bloc, partners.organisation
IMPORTED_LIST = """
changelist                                            login ok    ok    ok    403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
import                                                login 403   403   403   403   403   ok    login ok
process_import POST                                   login 403   403   403   403   403   done  login done
export                                                login ok    ok    ok    403   ok    ok    login ok
change                                                login ok    ok    ok    403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login ok    ok    ok    403   ok    ok    login ok
simple_history                                        login ok    ok    ok    403   ok    ok    login ok
simple_history POST                                   login 403   403   403   403   403   done  login done
action delete_selected                                login kept  kept  kept  403   kept  done  login done
"""

# directory.unit, partners.subdivision, projects.sectorcategory, projects.sector, projects.segibsector, projects.sdggoal, projects.sdgtarget, projects.currency, projects.documentcategory
REFERENCE_LIST = """
changelist                                            login ok    ok    ok    403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
change                                                login ok    ok    ok    403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login ok    ok    ok    403   ok    ok    login ok
simple_history                                        login ok    ok    ok    403   ok    ok    login ok
simple_history POST                                   login 403   403   403   403   403   done  login done
action delete_selected                                login kept  kept  kept  403   kept  done  login done
"""

# directory.staffmembership, directory.focalpoint, directory.institutionaltext
DIRECTORY_LIST = """
changelist                                            login 403   403   403   403   ok    ok    login ok
add                                                   login 403   403   403   403   403   ok    login ok
change                                                login 403   403   403   403   ok    ok    login ok
change POST                                           login 403   403   403   403   403   done  login done
delete                                                login 403   403   403   403   403   ok    login ok
delete POST                                           login 403   403   403   403   403   done  login done
history                                               login 403   403   403   403   ok    ok    login ok
simple_history                                        login 403   403   403   403   ok    ok    login ok
simple_history POST                                   login 403   403   403   403   403   done  login done
action delete_selected                                login 403   403   403   403   kept  done  login done
"""

# axes.accesslog, axes.accessfailurelog
SIGN_IN_LOG = """
changelist                                            login 403   403   403   403   403   ok    login ok
add                                                   login 403   403   403   403   403   403   login 403
change                                                login 403   403   403   403   403   ok    login ok
change POST                                           login 403   403   403   403   403   403   login done
delete                                                login 403   403   403   403   403   403   login ok
delete POST                                           login 403   403   403   403   403   403   login done
history                                               login 403   403   403   403   403   ok    login ok
action delete_selected                                login 403   403   403   403   403   kept  login done
"""

# A directorate's joint commissions and programmes, as its projects: editors change
# their own directorate's, coordinators all and delete; Lectura and Administración
# read.
DIRECTORATE_ROWS = """
changelist                                            login ok    ok    ok    403   ok    ok    login ok
add                                                   login ok    ok    ok    403   403   403   login ok
change                                                login ok    ok    ok    403   ok    ok    login ok
change POST                                           login done  403   done  403   403   403   login done
delete                                                login 403   403   ok    403   403   403   login ok
delete POST                                           login 403   403   done  403   403   403   login done
history                                               login ok    ok    ok    403   ok    ok    login ok
simple_history                                        login ok    ok    ok    403   ok    ok    login ok
simple_history POST                                   login done  403   done  403   403   403   login done
action delete_selected                                login kept  kept  done  403   kept  kept  login done
"""
# A project's missions and transactions in lists of their own (spreadsheets): as
# the project they belong to (its directorate, drafts hidden from other
# directorates), imported by whoever may create projects, each row checked.
PROJECT_ROWS = """
changelist                                            login ok    ok    ok    ok    ok    ok    login ok
add                                                   login ok    ok    ok    403   403   403   login ok
import                                                login ok    ok    ok    403   403   403   login ok
process_import POST                                   login done  kept  done  403   403   403   login done
export                                                login ok    ok    ok    ok    ok    ok    login ok
change [draft]                                        login ok    index ok    ok    ok    ok    login ok
change [published]                                    login ok    ok    ok    ok    ok    ok    login ok
change POST [draft]                                   login done  index done  403   403   403   login done
change POST [published]                               login done  403   done  403   403   403   login done
delete [draft]                                        login ok    index ok    403   403   403   login ok
delete [published]                                    login ok    403   ok    403   403   403   login ok
delete POST [draft]                                   login done  index done  403   403   403   login done
delete POST [published]                               login done  403   done  403   403   403   login done
history [draft]                                       login ok    403   ok    ok    ok    ok    login ok
history [published]                                   login ok    ok    ok    ok    ok    ok    login ok
simple_history [draft]                                login ok    403   ok    ok    ok    ok    login ok
simple_history [published]                            login ok    ok    ok    ok    ok    ok    login ok
simple_history POST [draft]                           login done  403   done  403   403   403   login done
simple_history POST [published]                       login done  403   done  403   403   403   login done
action delete_selected [draft]                        login done  kept  done  kept  kept  kept  login done
action delete_selected [published]                    login done  403   done  kept  kept  kept  login done
"""
# A directorate's calls for proposals: as its joint commissions, and reviewers
# read them too.
CALL_ROWS = """
changelist                                            login ok    ok    ok    ok    ok    ok    login ok
add                                                   login ok    ok    ok    403   403   403   login ok
change                                                login ok    ok    ok    ok    ok    ok    login ok
change POST                                           login done  403   done  403   403   403   login done
delete                                                login 403   403   ok    403   403   403   login ok
delete POST                                           login 403   403   done  403   403   403   login done
history                                               login ok    ok    ok    ok    ok    ok    login ok
simple_history                                        login ok    ok    ok    ok    ok    ok    login ok
simple_history POST                                   login done  403   done  403   403   403   login done
action delete_selected                                login kept  kept  done  kept  kept  kept  login done
"""
RESULT_ROWS = """
changelist                                            login ok    ok    ok    403   ok    ok    login ok
add                                                   login ok    ok    ok    403   403   403   login ok
change [draft]                                        login ok    index ok    403   ok    ok    login ok
change [published]                                    login ok    ok    ok    403   ok    ok    login ok
change POST [draft]                                   login done  index done  403   403   403   login done
change POST [published]                               login done  403   done  403   403   403   login done
delete [draft]                                        login ok    index ok    403   403   403   login ok
delete [published]                                    login ok    403   ok    403   403   403   login ok
delete POST [draft]                                   login done  index done  403   403   403   login done
delete POST [published]                               login done  403   done  403   403   403   login done
history [draft]                                       login ok    403   ok    403   ok    ok    login ok
history [published]                                   login ok    ok    ok    403   ok    ok    login ok
simple_history [draft]                                login ok    403   ok    403   ok    ok    login ok
simple_history [published]                            login ok    ok    ok    403   ok    ok    login ok
simple_history POST [draft]                           login done  403   done  403   403   403   login done
simple_history POST [published]                       login done  403   done  403   403   403   login done
action delete_selected [draft]                        login done  kept  done  403   kept  kept  login done
action delete_selected [published]                    login done  403   done  403   kept  kept  login done
"""
