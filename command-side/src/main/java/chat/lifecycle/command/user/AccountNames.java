package chat.lifecycle.command.user;

import java.util.regex.Pattern;

/** What a new account's username and email must look like, whichever route creates it. */
public final class AccountNames {

    /** Rocket.Chat's default username rule ({@code UTF8_User_Names_Validation}). */
    private static final Pattern USERNAME = Pattern.compile("[0-9a-zA-Z-_.]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private AccountNames() {
    }

    public static boolean validUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    public static boolean validEmail(String email) {
        return EMAIL.matcher(email).matches();
    }
}
