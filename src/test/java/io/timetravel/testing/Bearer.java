package io.timetravel.testing;

import io.timetravel.domain.access.Actor;
import io.timetravel.domain.access.Role;
import io.timetravel.service.NewUser;
import java.util.Arrays;
import java.util.Set;

/**
 * A registered user with a bearer token, bootstrapped through the running server's access
 * service (as the command line would), and the headers that present it.
 *
 * @param user  the user id, which is the actor of everything done with the token
 * @param token the token text
 */
public record Bearer(long user, String token) {

    /** Registers user {@code id} (named {@code user-<id>}) with {@code roles} and the pii grant as given, and issues a token. */
    public static Bearer register(TestServer server, long id, boolean pii, Role... roles) {
        server.context().access().addUser(new NewUser(id, "user-" + id, Set.of(roles), pii, null), Actor.ANONYMOUS).join();
        return issue(server, id);
    }

    /** A further token for an already registered user. */
    public static Bearer issue(TestServer server, long id) {
        return new Bearer(id, server.context().access().issueToken(id, null, Actor.ANONYMOUS).join().token());
    }

    /** {@code Authorization: Bearer TOKEN}, followed by {@code more} header names and values. */
    public String[] headers(String... more) {
        String[] headers = Arrays.copyOf(new String[] {"Authorization", "Bearer " + token}, 2 + more.length);
        System.arraycopy(more, 0, headers, 2, more.length);
        return headers;
    }

    @Override
    public String toString() {
        // Assertion messages must not carry the token into build logs.
        return "Bearer[user=" + user + "]";
    }
}
