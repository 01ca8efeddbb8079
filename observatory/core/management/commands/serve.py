"""``observatory serve``: the production web server (gunicorn) with static files served by WhiteNoise."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn (not Django's development server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("OBSERVATORY_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("OBSERVATORY_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("OBSERVATORY_WORKERS", "2")))

    def handle(self, *args, host, port, workers, **options):
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        application = get_wsgi_application()

        class Server(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)
                self.cfg.set("threads", 4)
                self.cfg.set("timeout", 60)
                # Access logs show paths without query strings; identities never travel in URLs anyway.
                self.cfg.set("accesslog", "-")
                self.cfg.set("access_log_format", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms')

            def load(self):
                return application

        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
        Server().run()
