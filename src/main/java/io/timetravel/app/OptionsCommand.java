package io.timetravel.app;

/**
 * A command whose whole input is an {@link Options}: the desktop, the server, rebuild. Lets
 * {@link Options#parse(String...)} read a command line without running it.
 */
interface OptionsCommand {

    /**
     * @throws picocli.CommandLine.ParameterException when the options contradict each other
     */
    Options options();
}
