package chat.lifecycle.query.user;

import chat.lifecycle.events.query.UserStatus;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The statuses the current HTTP request's own commands wrote to {@code user_view} and committed, so that
 * {@code users.setActiveStatus} answers from the row its command wrote instead of reading it back. Only where the
 * projection runs in the command's unit of work in the request (the all-in-one server: on the request's thread, or a
 * retry's that runs in the request); kept once that unit of work commits, so nothing rolled back is kept, and gone
 * with the request.
 */
final class RequestStatusWrites {

    private static final String PREFIX = RequestStatusWrites.class.getName() + ":";

    private RequestStatusWrites() {
    }

    /** Keeps the row's status for the rest of the request, once the current unit of work commits. */
    static void written(String userId, boolean active) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork ->
                    request.setAttribute(PREFIX + userId, active, RequestAttributes.SCOPE_REQUEST));
        }
    }

    /** The status this request committed to the user's row, if it wrote one. */
    static Optional<UserStatus> of(String userId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object active = request == null ? null : request.getAttribute(PREFIX + userId, RequestAttributes.SCOPE_REQUEST);
        return Optional.ofNullable((Boolean) active).map(value -> new UserStatus(userId, value));
    }
}
