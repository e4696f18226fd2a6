"""What the permits engine announces, for the apps above it to act on.

A higher app (surveys) connects a receiver in its AppConfig.ready; the engine sends
inside the action's transaction, so whatever a receiver writes commits or rolls back
with the action. The engine never imports the apps that listen.
"""

from django.dispatch import Signal

#: A file was filed (online or at the counter). Sent with `application`.
application_filed = Signal()

#: A file's last step is done and it is closed. Sent with `application`.
application_closed = Signal()
