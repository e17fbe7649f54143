package io.zdcd.heroku.internal;

/** Which of Heroku's APIs a request goes to. */
public enum Api {
    /** The Platform API ({@code https://api.heroku.com}). */
    PLATFORM,
    /** The Heroku Postgres data API ({@code https://api.data.heroku.com}). */
    DATA
}
