using System.CommandLine;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Cli;

/// <summary>
/// <c>desec-auth check FILE [--origin NAME] [--print]</c>: loads a zone file the way the server
/// would. Exit 0 when it loads (warnings on stderr), 1 with every error otherwise. <c>--print</c>
/// writes the zone in canonical form, comparable line by line with <c>named-compilezone -s full</c>.
/// </summary>
public static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "the zone file" };
        var origin = new Option<string?>("--origin") { Description = "the zone's name (default: the file name without .zone)" };
        var print = new Option<bool>("--print") { Description = "write the zone to stdout in canonical form" };
        var command = new Command("check", "check a zone file and optionally print it in canonical form") { file, origin, print };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(origin), result.GetValue(print), output, error));
        return command;
    }

    public static int Run(FileInfo file, string? originText, bool print, TextWriter output, TextWriter error)
    {
        var zone = ZoneLoading.LoadFile(file, originText, error);
        if (zone is null) { return 1; }
        if (print) { ZonePrinter.WriteCanonical(zone, output); }
        error.WriteLine($"{zone.Origin}: loaded serial {zone.Serial}, {zone.RecordCount} records");
        return 0;
    }
}
