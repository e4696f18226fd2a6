"""The queue's baseline task: it does nothing, so running it costs only the queue."""

from django_tasks import task


@task()
def noop(n):
    return n
