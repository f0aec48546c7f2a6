"""The URL paths of the HTTP routes (``vision.api``), for the pieces of the page that
call them (``vision.ui``) without importing the routes themselves."""

BALLOT_PATH = "/api/ballot"
ROUNDS_PATH = "/api/rounds"
SCREEN_PATH = "/api/screen"
