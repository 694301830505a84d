package io.timetravel.gui.admin;

import io.timetravel.domain.Ids;
import io.timetravel.gui.DialogService;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.service.AccessService;
import io.timetravel.service.IssuedToken;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Access view's tokens of the selected user: issues one (the secret shown until dismissed,
 * and never again) and revokes them all, after asking.
 */
public final class TokensViewModel {

    /** What the expiry field starts with: a token that outlives a quarter only when asked. */
    static final String DEFAULT_EXPIRY_DAYS = "90";

    private final AccessService access;
    private final DialogService dialogs;
    private final AccessChanges changes;
    private final ZoneId zone;

    private final StringProperty expiryDays = new SimpleStringProperty(DEFAULT_EXPIRY_DAYS);
    private final ReadOnlyStringWrapper issuedToken = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper issuedTokenFacts = new ReadOnlyStringWrapper("");

    TokensViewModel(AccessService access, DialogService dialogs, AccessChanges changes, ZoneId zone) {
        this.access = access;
        this.dialogs = dialogs;
        this.changes = changes;
        this.zone = zone;
    }

    /** Issues a token for the selected user; its secret is shown until dismissed, and never again. */
    public void issueToken() {
        UserRow row = changes.userToChange();
        if (row == null) {
            return;
        }
        String text = expiryDays.get().strip();
        Integer days = null;
        if (!text.isEmpty()) {
            int parsed = Ids.parsePositiveInt(text);
            if (parsed < 1 || parsed > AccessService.MAX_EXPIRES_DAYS) {
                changes.fail(Messages.get("admin.badExpiry", text, AccessService.MAX_EXPIRES_DAYS));
                return;
            }
            days = parsed;
        }
        Integer expires = days;
        dismissToken();
        changes.change(by -> access.issueToken(row.id(), expires, by.actor()).join(), token -> {
            issuedToken.set(token.token());
            issuedTokenFacts.set(facts(token, row));
            changes.succeed(Messages.get("admin.tokenIssued", row.id()));
        }, "admin.issueFailed");
    }

    private String facts(IssuedToken token, UserRow row) {
        return token.expiresAt() == null ? Messages.get("admin.tokenForever", row.id(), row.name())
                : Messages.get("admin.tokenUntil", row.id(), row.name(), Formats.localTime(token.expiresAt(), zone));
    }

    /** Forgets the secret just shown (after copying it, say). */
    public void dismissToken() {
        issuedToken.set("");
        issuedTokenFacts.set("");
    }

    /** The view copied the secret to the clipboard. */
    public void tokenCopied() {
        changes.succeed(Messages.get("admin.tokenCopied"));
    }

    /** Revokes every token of the selected user, after asking. */
    public void revokeTokens() {
        UserRow row = changes.userToChange();
        if (row == null) {
            return;
        }
        if (!dialogs.confirm(Messages.get("admin.confirmTitle"), Messages.get("admin.confirmRevoke", row.id(), row.name()))) {
            return;
        }
        changes.change(by -> access.revokeTokens(row.id(), by.actor()).join(),
                revoked -> changes.succeed(Messages.get("admin.tokensRevoked", revoked, row.id())), "admin.revokeFailed");
    }

    public StringProperty expiryDaysProperty() {
        return expiryDays;
    }

    /** The secret of the token just issued, or empty. */
    public ReadOnlyStringProperty issuedTokenProperty() {
        return issuedToken.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty issuedTokenFactsProperty() {
        return issuedTokenFacts.getReadOnlyProperty();
    }
}
