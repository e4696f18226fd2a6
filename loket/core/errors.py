"""Errors an action raises; views and the API turn each into the same message."""


class ActionError(Exception):
    status = 400

    def __init__(self, message, errors=None):
        super().__init__(str(message))
        self.message = str(message)
        self.errors = errors or {}


class NotAllowed(ActionError):
    status = 403


class Conflict(ActionError):
    status = 409


class Invalid(ActionError):
    status = 422
