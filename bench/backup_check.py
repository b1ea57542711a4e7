#!/usr/bin/env python
"""A backup restores: ``make backup`` of a PostgreSQL portal, ``make restore`` into
an empty database, and the rows of every table counted on both sides.

Takes a backup of ``--source`` (default DATABASE_URL, else the local
``dgcin_bench_10000`` of bench/pages.py) with ``make backup`` (or checks
``--backup backups/dgcin-<time>.dump``), creates an empty database beside the
source (``<name>_restore_check``), restores into it with ``make restore`` (the
uploads into a temporary folder), then prints each table's rows in the source and
in the copy, and the uploaded files and bytes on both sides. Exits 1 on any
difference. The copy is dropped at the end unless ``--keep``. The source is only
read: the backup should be taken while nothing writes to it, or the counts of the
tables written meanwhile may differ.

With ``--media-storage s3`` (default: DJANGO_MEDIA_STORAGE, else filesystem) the
uploads are in the bucket, which its own versioning or replication backs up: the
backup holds the database only, and only its rows are compared.

    .venv/bin/python bench/backup_check.py [--source postgres://...] [--keep]
                                           [--backup backups/dgcin-<time>.dump]
                                           [--media-storage filesystem|s3]
"""

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def row_counts(url):
    """{table: rows} of every table of the public schema, counted exactly."""
    with psycopg.connect(url, autocommit=True) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
                "ORDER BY table_name"
            )
        ]
        return {
            table: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def files(folder):
    """(files, bytes) under ``folder``."""
    found = [path for path in Path(folder).rglob("*") if path.is_file()]
    return len(found), sum(path.stat().st_size for path in found)


def make(target, **variables):
    command = ["make", "--no-print-directory", target]
    command += [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(
        command, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dgcin_bench_10000"
        ),
    )
    parser.add_argument("--backup", help="check this backup instead of taking one")
    parser.add_argument(
        "--media", default=os.environ.get("DJANGO_MEDIA_ROOT", str(ROOT / "media"))
    )
    parser.add_argument(
        "--media-storage",
        choices=("filesystem", "s3"),
        default=os.environ.get("DJANGO_MEDIA_STORAGE", "").lower() or "filesystem",
    )
    parser.add_argument("--keep", action="store_true", help="keep the restored copy")
    args = parser.parse_args()
    media_variables = {
        "DJANGO_MEDIA_STORAGE": args.media_storage,
        "DJANGO_MEDIA_ROOT": args.media,
    }

    if args.backup:
        backup = Path(args.backup)
    else:
        output = make("backup", DATABASE_URL=args.source, **media_variables)
        backup = ROOT / output.split("Backup: ", 1)[1].split()[0]
    print(f"backup: {backup} ({backup.stat().st_size / 1e6:.1f} MB)")

    name = urlsplit(args.source).path.lstrip("/") + "_restore_check"
    target = with_database(args.source, name)
    admin = with_database(args.source, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    media = tempfile.mkdtemp(prefix="dgcin-restore-media-")
    try:
        make(
            "restore",
            BACKUP=backup,
            DATABASE_URL=target,
            **media_variables | {"DJANGO_MEDIA_ROOT": media},
        )
        source, restored = row_counts(args.source), row_counts(target)
    finally:
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE {}").format(sql.Identifier(name))
                )

    differences = 0
    print(f"\n{'table':48} {'source':>9} {'restored':>9}")
    for table in sorted(source.keys() | restored.keys()):
        a, b = source.get(table, "-"), restored.get(table, "-")
        differences += a != b
        print(f"{table:48} {a:>9} {b:>9}" + ("" if a == b else "  DIFFERENT"))
    print(
        f"\n{len(source)} tables, {sum(source.values())} rows in the source, "
        f"{sum(restored.values())} restored; {differences} tables differ"
    )
    if args.media_storage == "s3":
        print(
            "uploads: in the S3 bucket (DJANGO_MEDIA_STORAGE=s3), not in the "
            "backup: the bucket's versioning or replication backs them up"
        )
        if differences:
            sys.exit(1)
        print("The backup restores every row.")
        return
    media_tar = Path(str(backup).removesuffix(".dump") + "-media.tar.gz")
    with tarfile.open(media_tar) as tar:
        in_tar = sum(1 for member in tar if member.isfile())
    uploaded = files(args.media) if Path(args.media).is_dir() else (0, 0)
    copied = files(media)
    print(
        f"uploads: {uploaded[0]} files ({uploaded[1]} bytes) in {args.media}, "
        f"{in_tar} in the backup, {copied[0]} files ({copied[1]} bytes) restored"
    )
    if differences or in_tar != copied[0]:
        sys.exit(1)
    print("The backup restores every row and every upload.")


if __name__ == "__main__":
    main()
