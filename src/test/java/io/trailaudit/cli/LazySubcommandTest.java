package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line built for one subcommand is that subcommand as the whole command line has it.
 */
class LazySubcommandTest {
  private static final Cli.Env ENV =
      new Cli.Env(
          new PrintWriter(Writer.nullWriter()),
          new PrintWriter(Writer.nullWriter()),
          CliTest.CLOCK,
          Map.of(),
          false);

  @Test
  void eachSubcommandAloneHasTheSameHelpAsInTheWholeCommandLine() {
    CommandLine whole = Cli.commandLine(ENV);
    assertThat(whole.getSubcommands()).hasSize(8);
    for (String name : whole.getSubcommands().keySet()) {
      CommandLine alone = Cli.commandLine(ENV, name);
      assertThat(alone.getSubcommands()).containsOnlyKeys(name);
      // Cli names each subcommand; so does its @Command: the two must agree.
      Object command = alone.getSubcommands().get(name).getCommandSpec().userObject();
      assertThat(command.getClass().getAnnotation(Command.class).name()).isEqualTo(name);
      assertThat(alone.getSubcommands().get(name).getUsageMessage())
          .as(name)
          .isEqualTo(whole.getSubcommands().get(name).getUsageMessage());
    }
  }

  @Test
  void anUnknownFirstArgumentGetsTheWholeCommandLine() {
    assertThat(Cli.commandLine(ENV, "audti").getSubcommands()).hasSize(8);
    assertThat(Cli.commandLine(ENV, "--help").getSubcommands()).hasSize(8);
  }
}
