"""The comparison bench/upgrade_check.py makes: the facts read before and after the
upgrade, row by row and file by file, into a report of what was kept or lost."""

import json

from upgrade_snippets import CORRECTED, CORRECTED_HISTORY, GROWS, MOVED_MODELS


def new_name(name):
    """An old table, content type or permission label under its name after the move."""
    for model in [*MOVED_MODELS, "proposal_partner_countries", "proposal_sdg_goals"]:
        if name == f"projects_{model}":
            return f"proposals_{model}"
        if name == f"projects.{model}":
            return f"proposals.{model}"
    if name.startswith("projects.") and name.split(".", 1)[1].endswith(
        tuple("_" + model for model in MOVED_MODELS)
    ):
        return "proposals." + name.split(".", 1)[1]
    return name


class Report:
    def __init__(self):
        self.failures = []

    def check(self, ok, what, detail=""):
        mark = "ok  " if ok else "FAIL"
        print(f"  [{mark}] {what}" + (f": {detail}" if detail and not ok else ""))
        if not ok:
            self.failures.append(what)
        return ok


def compare(old, new, old_files, new_files, ran_tasks, report):
    print("\nTables (rows before -> after; moved tables under their new names)")
    for table, count in sorted(old["tables"].items()):
        after = new["tables"].get(new_name(table))
        renamed = f" -> {new_name(table)}" if new_name(table) != table else ""
        why = ""
        if table in GROWS or table in CORRECTED_HISTORY:
            ok = (after or 0) >= count
        elif table in CORRECTED:
            change, why = CORRECTED[table]
            ok = after == count + change
            why = f" (expected {change:+d}: {why})"
        else:
            ok = after == count
        if not ok or renamed or why or "historical" in table or table in GROWS:
            report.check(ok, f"{table}{renamed}: {count} -> {after}{why}")
    unchanged = [
        t
        for t, c in old["tables"].items()
        if new_name(t) == t and "historical" not in t and new["tables"].get(t) == c
    ]
    print(f"  [ok  ] {len(unchanged)} other tables: same rows")
    added = sorted(set(new["tables"]) - {new_name(t) for t in old["tables"]})
    print(f"  new tables: {', '.join(added) or 'none'}")
    report.check(
        not [t for t in new["tables"] if t.startswith("projects_") and "proposal" in t],
        "no projects_*proposal* table left",
    )
    history = {t: c for t, c in old["tables"].items() if "historical" in t}
    report.check(
        all(
            (new["tables"].get(new_name(t)) or 0) >= c
            if t in CORRECTED_HISTORY
            else new["tables"].get(new_name(t)) == c
            for t, c in history.items()
        ),
        f"history: {len(history)} tables, {sum(history.values())} rows kept "
        f"({len(CORRECTED_HISTORY)} of them grown by the data corrections' entries)",
    )

    print("\nFiles")
    changed = [n for n in old_files if new_files.get(n, old_files[n]) != old_files[n]]
    report.check(
        old_files == new_files,
        f"{len(old_files)} files under MEDIA_ROOT, same names and SHA-256",
        f"lost {sorted(set(old_files) - set(new_files))}, changed {changed}",
    )
    referenced = {name for rows in new["file_fields"].values() for _, name in rows}
    report.check(
        referenced == set(new_files),
        "every file is still referenced by its row, every row's file exists",
        f"unreferenced {sorted(set(new_files) - referenced)}, "
        f"missing {sorted(referenced - set(new_files))}",
    )
    report.check(
        not new["files_missing"], "storage opens every file", new["files_missing"]
    )
    old_refs = {
        new_name(label.lower()) + " " + name
        for label, rows in old["file_fields"].items()
        for _, name in rows
    }
    new_refs = {
        label.lower() + " " + name
        for label, rows in new["file_fields"].items()
        for _, name in rows
    }
    report.check(
        old_refs == new_refs,
        f"{len(old_refs)} file references, each on the same model",
        f"before only {sorted(old_refs - new_refs)}, "
        f"after only {sorted(new_refs - old_refs)}",
    )

    print("\nProposals")
    attachments = sum(len(p["attachments"]) for p in old["proposals"].values())
    events = sum(len(p["events"]) for p in old["proposals"].values())
    records = sum(len(p["history"]) for p in old["proposals"].values())
    m2m = sum(
        len(r[6]) + len(r[7]) for p in old["proposals"].values() for r in p["history"]
    )
    report.check(
        old["proposals"] == new["proposals"],
        f"{len(old['proposals'])} proposals with their partner countries, goals and "
        f"project; {attachments} attachments (name, size, SHA-256); {events} events; "
        f"{records} history records with {m2m} many-to-many history rows",
        diff(old["proposals"], new["proposals"]),
    )

    print("\nPermissions, admin log, content types")
    before = {u: f["has_perm"] for u, f in old["reviewers"].items()}
    after = {u: f["has_perm"] for u, f in new["reviewers"].items()}
    report.check(
        before == after and all(after.values()),
        f"{len(before)} reviewers keep review_proposal "
        f"({old['label']}. -> {new['label']}.review_proposal): "
        + ", ".join(
            f"{user} ({' and '.join(how for how in ('direct', 'group') if f[how])})"
            for user, f in new["reviewers"].items()
        ),
        f"before {before}, after {after}",
    )
    expected_log = {
        pk: entry | {"content_type": new_name(entry["content_type"])}
        for pk, entry in old["log"].items()
    }
    report.check(
        expected_log == new["log"]
        and not any(e["found"].startswith("not found") for e in new["log"].values()),
        f"{len(old['log'])} admin log entries, each pointing at its object",
        diff(expected_log, new["log"]),
    )
    moved = {new_name(k): v for k, v in old["content_types"].items()}
    report.check(
        all(new["content_types"].get(k) == v for k, v in moved.items()),
        f"{len(moved)} content types kept with their ids (moved ones under proposals)",
        {
            k: (v, new["content_types"].get(k))
            for k, v in moved.items()
            if new["content_types"].get(k) != v
        },
    )
    stale = sorted(set(new["content_types"]) - set(new["model_labels"]))
    report.check(not stale, "no content type left for a model that is gone", stale)
    perms = {new_name(k): v for k, v in old["permissions"].items()}
    report.check(
        all(new["permissions"].get(k) == v for k, v in perms.items()),
        f"{len(perms)} permissions kept with their ids",
        {
            k: (v, new["permissions"].get(k))
            for k, v in perms.items()
            if new["permissions"].get(k) != v
        },
    )

    print("\nTask queue")
    old_tasks = {t[0]: t for t in old["tasks"]}
    new_tasks = {t[0]: t for t in new["tasks"]}
    report.check(
        set(old_tasks) == set(new_tasks),
        f"{len(old_tasks)} task rows kept "
        f"({sum(t[2] != 'READY' for t in old['tasks'])} done, "
        f"{sum(t[2] == 'READY' for t in old['tasks'])} queued)",
    )
    ran = {task[0]: task[2] for task in ran_tasks}
    for task in sorted(new_tasks.values(), key=lambda task: task[1]):
        if task[2] == "READY":
            report.check(
                task[3] is True and ran.get(task[0]) == "SUCCESSFUL",
                f"queued task {task[1]} runs after the upgrade",
                f"{task[3]}; the new db_worker marks it {ran.get(task[0])}: "
                "what it was to do (an e-mail) is never done",
            )


def diff(old, new):
    if old == new:
        return ""
    old_text = json.dumps(old, indent=1, sort_keys=True).splitlines()
    new_text = json.dumps(new, indent=1, sort_keys=True).splitlines()
    import difflib

    return "\n" + "\n".join(
        list(difflib.unified_diff(old_text, new_text, lineterm=""))[:60]
    )
