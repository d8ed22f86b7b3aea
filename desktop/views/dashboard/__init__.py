"""The dashboard (工作台): the installation's figures and what needs attention today."""
