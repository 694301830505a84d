package io.timetravel.http;

/** What the HTTP acceptance tests on PostgreSQL wait for. */
final class PostgresHttp {

    /**
     * Until the application takes a PostgreSQL URL for {@code --db} (Options' databaseUrl, opened by
     * AppContext.open with DbTarget.parse), TestServer cannot start it on PostgreSQL.
     */
    static final String WAITING = "needs Options.databaseUrl: AppContext.open opening DbTarget.parse(databaseUrl) (issue 12, not on main yet)";

    private PostgresHttp() {
    }
}
