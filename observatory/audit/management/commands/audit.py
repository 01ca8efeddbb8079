from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from observatory.audit import checkpoints
from observatory.audit.models import AuditEntry
from observatory.audit.services import Anchor, audit_verify


class Command(BaseCommand):
    help = (
        "Inspect the audit trail: 'verify' checks the keyed hash chain against checkpoints; 'head' prints the "
        "newest entry's hash; 'checkpoint' writes a signed checkpoint; 'public-key' prints the key that checks them."
    )
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser(
            "verify",
            help="Check every entry, and that the newest checkpoint (or the head or checkpoint given) is still "
            "in the trail; exit 1 and name the first broken entry if not.",
        )
        verify.add_argument("--head", action="append", default=[], metavar="HASH",
                            help="A head hash kept earlier ('audit head'); it must still be in the trail.")
        verify.add_argument("--checkpoint", action="append", default=[], type=Path, metavar="FILE",
                            help="A signed checkpoint file kept earlier; repeatable.")
        verify.add_argument("--public-key", type=Path, metavar="FILE",
                            help="The PEM public key that signed the checkpoints (an auditor's copy).")
        verify.add_argument("--no-local-checkpoint", action="store_true",
                            help="Do not also check the newest checkpoint in the checkpoint folder.")
        sub.add_parser("head", help="Print the sequence number and hash of the newest entry (keep it elsewhere).")
        checkpoint = sub.add_parser("checkpoint", help="Write a signed checkpoint of the newest entry.")
        checkpoint.add_argument("--to", type=Path, metavar="DIR",
                                help=f"Folder to write it to (default {settings.AUDIT_CHECKPOINT_DIR}).")
        checkpoint.add_argument("--email", action="append", default=[], metavar="ADDRESS",
                                help="Also email it (default: OBSERVATORY_AUDIT_CHECKPOINT_EMAIL).")
        sub.add_parser("public-key", help="Print the PEM public key that checks checkpoints (give it to auditors).")

    def handle(self, *args, subcommand, **options):
        if subcommand == "head":
            last = AuditEntry.objects.order_by("-seq").first()
            self.stdout.write(f"{last.seq} {last.hash}" if last else "0 (empty)")
        elif subcommand == "public-key":
            self.stdout.write(checkpoints.public_key_pem(), ending="")
        elif subcommand == "checkpoint":
            self.checkpoint(options["to"], options["email"] or settings.AUDIT_CHECKPOINT_EMAIL)
        else:
            self.verify(options)

    def checkpoint(self, directory, addresses):
        record = checkpoints.make_checkpoint()
        path = checkpoints.write_checkpoint(record, directory)
        if addresses:
            send_mail(
                subject=f"Audit checkpoint #{record['seq']}",
                message=path.read_text(),
                from_email=None,
                recipient_list=addresses,
            )
        self.stdout.write(f"Checkpoint of entry #{record['seq']} written to {path}.")

    def verify(self, options):
        public_key = None
        if options["public_key"]:
            try:
                public_key = checkpoints.load_public_key(options["public_key"].read_bytes())
            except OSError as error:
                raise CommandError(f"Cannot read {options['public_key']}: {error.strerror}.") from error
        anchors = [self.head_anchor(value) for value in options["head"]]
        paths = list(options["checkpoint"])
        local = None if options["no_local_checkpoint"] else checkpoints.latest_checkpoint_path()
        if local is not None and local not in paths:
            paths.append(local)
        try:
            for path in paths:
                anchors.append(checkpoints.anchor(checkpoints.read_checkpoint(path, public_key), path))
        except checkpoints.CheckpointError as error:
            raise CommandError(str(error), returncode=1) from error
        result = audit_verify(anchors=anchors)
        if not result.ok:
            raise CommandError(f"Audit trail broken at entry #{result.broken_seq}: {result.reason}.", returncode=1)
        against = f"; matches {len(anchors)} recorded head(s)" if anchors else "; no checkpoint to compare with"
        legacy = f" ({result.legacy} older unkeyed)" if result.legacy else ""
        self.stdout.write(f"Audit trail intact: {result.checked} entries verified{legacy}{against}.")

    def head_anchor(self, value: str) -> Anchor:
        """``HASH``, or ``SEQ HASH`` as ``audit head`` prints it (the number also catches a shorter trail)."""
        parts = value.split()
        seq = int(parts[0]) if len(parts) == 2 and parts[0].isdigit() else None
        digest = parts[-1].lower() if parts else ""
        if len(parts) not in (1, 2) or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise CommandError("--head takes a 64-character hex hash, or 'SEQ HASH' as 'audit head' prints it.")
        return Anchor(hash=digest, seq=seq, source=f"head {digest[:12]}…")
