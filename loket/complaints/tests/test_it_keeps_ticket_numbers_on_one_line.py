"""The complaint register keeps each ticket number on one line (a no-wrap class) and
shows fewer columns on a phone: the number, identity, channel, handling time and note
columns are for wider screens."""

import re

from django.urls import reverse

from loket.complaints.tests.helpers import web_complaint


def test_tickets_do_not_wrap_and_phones_get_fewer_columns(client, office, officers):
    complaint = web_complaint(office)
    client.force_login(officers["pengelola_pengaduan"])
    html = client.get(reverse("complaints:register")).content.decode()
    assert (
        f'class="text-no-wrap nowrap" href="/pengaduan/{complaint.pk}/">{complaint.ticket}' in html
    )
    header = re.search(r"<tr>(<th.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<th([^>]*)>", header)
    assert len(cells) == 10
    on_phone = [c for c in cells if "display-none" not in c]
    assert len(on_phone) == 5
