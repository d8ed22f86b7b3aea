"""The opinions page (社情民意): paper slips typed in, attached to topics or merged."""
