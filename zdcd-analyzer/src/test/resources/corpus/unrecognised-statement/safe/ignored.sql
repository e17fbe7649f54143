-- zdcd:ignore unrecognised-statement vendor command reviewed by hand
FROBNICATE users;
