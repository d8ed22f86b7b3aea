"""The people page (委员与人员): the member roster, local participants and their dialogs."""
