"""A task for the benchmarks: queued by bench/faults.py across a database restart."""

from django.tasks import task


@task
def echo(value):
    return value
