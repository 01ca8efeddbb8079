"""A job's progress page, the JSON it polls, and the list of one's jobs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from observatory.jobs import selectors

# Poll every this many milliseconds while a job runs (the page's script reads it from the markup).
POLL_MS = 1500


def _job_or_404(request, job_id):
    job = selectors.job_get(actor=request.user, job_id=job_id)
    if job is None:
        raise Http404
    return job


def status_payload(job) -> dict:
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "step": job.step,
        "finished": job.finished,
    }


@require_safe
@login_required
@never_cache
def detail(request, job_id):
    job = _job_or_404(request, job_id)
    result_template = select_template([f"jobs/results/{job.kind}.html", "jobs/results/default.html"])
    return render(request, "jobs/detail.html", {
        "job": job, "result_template": result_template.template.name, "result": job.result, "poll_ms": POLL_MS,
    })


@require_safe
@login_required
@never_cache
def status(request, job_id):
    return JsonResponse(status_payload(_job_or_404(request, job_id)))


@require_safe
@login_required
@never_cache
def job_list(request):
    return render(request, "jobs/list.html", {"jobs": selectors.job_list(actor=request.user)})
