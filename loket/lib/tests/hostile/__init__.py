"""The hostile corpus: files and strings a stranger might send, used across the suite.

`files` builds the hostile files (small, made on the fly so no binary is committed;
`python -m loket.lib.tests.hostile.files DIR` writes them out to look at), `strings`
lists the hostile strings. Grow both when a new trick turns up: every test that uses
them then checks the new case too.
"""
