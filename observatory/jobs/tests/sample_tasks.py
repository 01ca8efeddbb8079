"""Tasks used by the tests of the jobs framework (synthetic work, no data)."""

from django.tasks import task

from observatory.jobs.services import JobError, job_running


@task()
def counting_task(*, job_id: str, steps: int) -> None:
    with job_running(job_id) as progress:
        progress.update(total=steps, step="counting")
        for _ in range(steps):
            progress.advance()
        progress.result = {"counted": steps}


@task()
def failing_task(*, job_id: str, kind: str, detail: str = "") -> None:
    with job_running(job_id):
        if kind == "safe":
            raise JobError("The file has no header row.")
        raise ValueError(f"cannot parse {detail!r}")  # a message that quotes data
