def test_world(world, client):
    for url in ["/delegations/profiles", f"/delegations/{world.delegations['Kenya']}", f"/sessions/{world.session}/statistics",
                f"/bodies/{world.body}/statistics", f"/meetings/{world.meetings[0]}/statistics", "/calendar.ics",
                f"/sessions/{world.session}/calendar", "/calendar", f"/sessions/{world.session}", f"/meetings/{world.meetings[0]}",
                f"/delegations/{world.delegations['Kenya']}/interventions.csv", f"/delegations/{world.delegations['Kenya']}/interventions.docx"]:
        r = client.get(url, headers=world.staff.headers)
        assert r.status_code == 200, (url, r.get_data(as_text=True)[-3000:])
