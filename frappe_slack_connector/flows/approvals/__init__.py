"""The approval engine's flow: every approvable document but leave (`erp/approvals.REGISTRY`)."""
