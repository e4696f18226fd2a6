from loket.testing import advance


def test_it_walks_a_file_through_all_nine_steps(application, officers):
    """A filed SIKTS file reaches step 9 and closes as collected."""
    assert application.current_step == 2
    done = advance(application, officers, 99)
    assert done.status == "collected"
    assert done.permit.number.startswith("503/0001/DPMPTSP-SIKTS/")
