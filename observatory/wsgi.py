import os

from django.core.wsgi import get_wsgi_application

from observatory.conf import PRIVATE_UMASK

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings")
os.umask(PRIVATE_UMASK)  # the database, keys and uploads are readable by their owner only
application = get_wsgi_application()
