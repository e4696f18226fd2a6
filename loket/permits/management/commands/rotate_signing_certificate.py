from loket.permits.management.commands.enrol_signing_certificate import Command as Enrol


class Command(Enrol):
    help = (
        "Rotate an officer's signing certificate: enrol a new one (same options as "
        "enrol_signing_certificate); the old one is kept as 'rotated' so the permits it "
        "signed still validate."
    )
