"""Portal pages of use cases: list, detail, draft and edit, moves, assessments, attachments.

Every read is scoped by ``UseCase.objects.visible_to`` (a hidden use case
answers 404, exactly like a missing one); every write calls
``usecases.services``.
"""
