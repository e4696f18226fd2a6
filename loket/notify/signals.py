"""What notify announces, for the apps above it to act on.

A higher app connects a receiver in its AppConfig.ready; notify sends inside the
action's transaction, so whatever a receiver writes commits or rolls back with it.
notify never imports the apps that listen.
"""

from django.dispatch import Signal

#: The Back Office recorded that a printed letter went out. Sent with `letter`
#: (its `subject` names the record it is about) and `sent_at`.
letter_sent = Signal()
