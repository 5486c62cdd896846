def intervention_panel(intervention, user):
    return ""


def action_line_panel(action_line, user):
    return ""


def use_case_panel(use_case, user):
    return ""
