"""Forms show every error at once, summed up at the top with a link to each
field; required fields say so; what was entered is kept, the chosen file too."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventions.tests.factories import ActionLineFactory
from interventions.tests.factories import InterventionFactory
from usecases.models import UseCase
from usecases.tests.helpers import EXE_BYTES
from usecases.tests.helpers import PDF_BYTES


def test_three_mistakes_in_one_submit_show_three_errors_summed_up(client, partner_a, intervention):
    other_line = ActionLineFactory(intervention=InterventionFactory(number=2, slug="twee"))
    client.force_login(partner_a)
    response = client.post(
        reverse("usecases:use-case-create"),
        {
            "title": "Drie fouten",
            "intervention": intervention.pk,
            "action_line": other_line.pk,
            "planned_start": "2026-05-01",
            "planned_end": "2026-01-01",
            "attachment": SimpleUploadedFile("virus.pdf", EXE_BYTES),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"planned_end", "action_line", "attachment"}
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    assert "Er zijn 3 problemen" in summary
    for anchor in ("#id_planned_end", "#id_action_line", "#id_attachment"):
        assert f'href="{anchor}"' in summary
    assert 'value="Drie fouten"' in html
    assert not UseCase.objects.exists()


def test_required_fields_are_marked(client, partner_a, intervention):
    client.force_login(partner_a)
    html = client.get(reverse("usecases:use-case-create")).content.decode()
    assert re.search(r'<label for="id_title">Titel <span class="required-mark">\(verplicht\)', html)
    assert not re.search(r'<label for="id_summary">[^<]*<span class="required-mark">', html)


def test_a_good_file_is_kept_across_a_failed_submit(client, partner_a, intervention):
    client.force_login(partner_a)
    url = reverse("usecases:use-case-create")
    failed = client.post(
        url,
        {
            "title": "",
            "intervention": intervention.pk,
            "attachment": SimpleUploadedFile("plan.pdf", PDF_BYTES),
        },
    )
    assert failed.status_code == 200 and "title" in failed.context["form"].errors
    html = failed.content.decode()
    assert "Bewaard: plan.pdf" in html
    token = re.search(r'name="attachment_kept" value="([^"]+)"', html)[1]
    saved = client.post(
        url, {"title": "Nu goed", "intervention": intervention.pk, "attachment_kept": token}
    )
    assert saved.status_code == 302
    attachment = UseCase.objects.get().attachments.get()
    assert attachment.original_name == "plan.pdf"
    # Taken: another session's or a spent key keeps nothing.
    again = client.post(
        url, {"title": "", "intervention": intervention.pk, "attachment_kept": token}
    )
    assert "Bewaard:" not in again.content.decode()


def test_kept_files_of_abandoned_forms_are_let_go_after_a_day(client, partner_a, intervention):
    import os
    import time

    from django.core.files.storage import default_storage

    client.force_login(partner_a)
    url = reverse("usecases:use-case-create")

    def fail_with_a_file():
        client.post(
            url,
            {
                "title": "",
                "intervention": intervention.pk,
                "attachment": SimpleUploadedFile("plan.pdf", PDF_BYTES),
            },
        )

    fail_with_a_file()
    [old] = default_storage.listdir("kept")[1]
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(default_storage.path(f"kept/{old}"), (two_days_ago, two_days_ago))
    fail_with_a_file()
    assert old not in default_storage.listdir("kept")[1]
    assert len(default_storage.listdir("kept")[1]) == 1
