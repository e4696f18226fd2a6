"""gunicorn's access log without secrets: `--logger-class loket.ops.access_log.MaskedAccessLogger`.

A request line holds what the citizen typed or followed: a tracking code (?code=...),
a survey invitation token (/survei/u/<token>/), sometimes a phone number. The access
log keeps the path and the status, with those masked (loket.lib.masks.mask_for_log).
"""

from gunicorn.glogging import Logger

from loket.lib.masks import mask_for_log

# The atoms that carry a URL: request line, path, query string, referer.
URL_ATOMS = ("r", "U", "q", "f")


class MaskedAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in URL_ATOMS:
            if name in atoms:
                atoms[name] = mask_for_log(atoms[name])
        return atoms
