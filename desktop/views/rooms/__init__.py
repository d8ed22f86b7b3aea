"""The district's rooms page (议事室): standing, enrolment, re-enrolment, retirement."""
