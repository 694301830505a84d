package io.timetravel.app;

import io.timetravel.domain.Actors;
import io.timetravel.domain.Ids;
import io.timetravel.domain.access.FieldPolicy;
import io.timetravel.domain.access.Role;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The typed values of the access commands, with messages that name what is accepted. */
final class AccessConverters {

    private AccessConverters() {
    }

    /** {@code --id}, {@code --user}: a positive whole number (0 is the anonymous actor, no user). */
    static final class UserId implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            long id = Ids.parsePositiveLong(text.strip());
            if (!Actors.isUser(id)) {
                throw new TypeConversionException("'" + text + "' is not a user id; use a positive whole number");
            }
            return id;
        }
    }

    /** {@code --role}: auditor, underwriter, operator or admin, in any case. */
    static final class RoleName implements ITypeConverter<Role> {
        @Override
        public Role convert(String text) {
            return Role.of(text).orElseThrow(() -> new TypeConversionException("'" + text + "' is not a role; use "
                    + Arrays.stream(Role.values()).map(Role::key).collect(Collectors.joining(", "))));
        }
    }

    /** {@code --masking}: partial, full or hash. */
    static final class MaskingName implements ITypeConverter<FieldPolicy.Masking> {
        @Override
        public FieldPolicy.Masking convert(String text) {
            return FieldPolicy.Masking.of(text.strip().toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new TypeConversionException("'" + text + "' is not a masking; use "
                            + Arrays.stream(FieldPolicy.Masking.values()).map(FieldPolicy.Masking::key)
                                    .collect(Collectors.joining(", "))));
        }
    }
}
