package io.timetravel.http;

import io.timetravel.domain.premium.InputProblem;
import io.timetravel.service.AccessDeniedException;
import io.timetravel.service.ConflictException;
import io.timetravel.service.GoneException;
import io.timetravel.service.InvalidRequestException;
import io.timetravel.service.NotFoundException;
import io.timetravel.service.ServiceException;
import io.timetravel.service.StoreUnavailableException;
import io.timetravel.service.TooManyStreamsException;
import io.timetravel.service.UnpricedException;
import java.util.List;

/**
 * The one place where failures become HTTP statuses. Client mistakes are 4xx with their
 * message; an unavailable database is 503; anything else is a defect, logged with its stack
 * trace and answered 500 without details.
 */
public final class ErrorMapper {

    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    private ErrorMapper() {
    }

    /** 422: what the record lacks for a premium, and what it holds that cannot be used. */
    public record UnpricedBody(String error, List<String> missing, List<Invalid> invalid) {
    }

    /** A field present with a value an engine cannot use. */
    public record Invalid(String field, String reason) {
        static List<Invalid> of(List<InputProblem> problems) {
            return problems.stream().map(problem -> new Invalid(problem.field(), problem.reason())).toList();
        }
    }

    public static ApiResponse toResponse(Throwable failure, String method, String path) {
        Throwable cause = ServiceException.cause(failure);
        if (cause instanceof ApiException api) {
            return ApiResponse.error(api.status(), api.getMessage());
        }
        if (cause instanceof InvalidRequestException) {
            return ApiResponse.error(400, cause.getMessage());
        }
        if (cause instanceof NotFoundException) {
            return ApiResponse.error(404, cause.getMessage());
        }
        if (cause instanceof TooManyStreamsException) {
            // Streams last long; a second is too soon to find a slot free.
            return ApiResponse.error(503, cause.getMessage()).header("Retry-After", "5");
        }
        if (cause instanceof AccessDeniedException) {
            return ApiResponse.error(403, cause.getMessage());
        }
        if (cause instanceof ConflictException) {
            return ApiResponse.error(409, cause.getMessage());
        }
        if (cause instanceof UnpricedException unpriced) {
            return ApiResponse.json(422, new UnpricedBody(unpriced.getMessage(), unpriced.missing(), Invalid.of(unpriced.invalid())));
        }
        if (cause instanceof GoneException) {
            return ApiResponse.error(410, cause.getMessage());
        }
        if (cause instanceof StoreUnavailableException) {
            return ApiResponse.error(503, cause.getMessage()).header("Retry-After", "1");
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + method + " " + LogText.path(path) + ": " + cause, cause);
        return ApiResponse.error(500, "internal error");
    }
}
