using System.CommandLine;
using Desec.Auth.Config;
using Desec.Auth.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Cli;

/// <summary>
/// <c>desec-auth serve [--zones DIR] [--db CONN] [--listen ADDR:PORT]... [--state DIR] [--config FILE]</c>:
/// runs the server until Ctrl-C or SIGTERM; SIGHUP reloads changed zone files.
/// </summary>
public static class ServeCommand
{
    public static Command Create(TextWriter error)
    {
        var zones = new Option<string?>("--zones") { Description = "folder of NAME.zone files (default: zones)" };
        var listen = new Option<string[]>("--listen") { Description = "ADDR:PORT for UDP and TCP; repeatable (default: 127.0.0.1:5353 and [::1]:5353)", AllowMultipleArgumentsPerToken = false };
        var state = new Option<string?>("--state") { Description = "folder for keys, serials and journals (default: ./state)" };
        var config = new Option<string?>("--config") { Description = "JSON file with the same settings and more; flags win" };
        var db = new Option<string?>("--db") { Description = "Npgsql connection string of a zone database (see `db init`); alone or with --zones" };
        var command = new Command("serve", "serve the zones over UDP and TCP") { zones, listen, state, config, db };
        command.SetAction(async (result, cancel) =>
        {
            ServerConfig settings;
            try
            {
                settings = result.GetValue(config) is { } path ? ServerConfig.Load(path) : new ServerConfig();
                var listenValues = result.GetValue(listen);
                settings = settings with
                {
                    Zones = result.GetValue(zones) ?? settings.Zones,
                    Database = result.GetValue(db) ?? settings.Database,
                    State = result.GetValue(state) ?? settings.State,
                    Listen = listenValues is { Length: > 0 } ? [.. listenValues] : settings.Listen,
                };
                settings.Validate();
            }
            catch (ConfigException e)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            try
            {
                await RunAsync(settings, cancel);
            }
            catch (ConfigException e)
            {
                // Raised at start-up, e.g. a zone both in the folder and in the database.
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            return 0;
        });
        return command;
    }

    public static async Task RunAsync(ServerConfig settings, CancellationToken cancel)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<DnsServer>();
        using var host = builder.Build();
        await host.RunAsync(cancel);
    }
}
