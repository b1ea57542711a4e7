"""Reading the API in tests: one answer, and every page of a list."""

import json


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def walk(client, url):
    """Every item of every page, following ``next``; and the pages' count."""
    items, pages = [], 0
    while url:
        page = get(client, url)
        items += page["results"]
        pages += 1
        url = page["next"]
    return items, pages


def every(client, url):
    """Every item of every page."""
    return walk(client, url)[0]
