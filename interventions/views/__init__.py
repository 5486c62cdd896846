"""Portal pages of interventions, their agenda, action lines and milestones."""
