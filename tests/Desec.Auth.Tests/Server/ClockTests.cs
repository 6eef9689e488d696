using System.Buffers.Binary;
using Desec.Auth.Config;
using Desec.Auth.Server;
using Desec.Zone.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace Desec.Auth.Tests.Server;

/// <summary>
/// Signatures are never served expired: a server started 30 days after the last one (weeks of
/// downtime) signs again before it answers, with a higher serial (RFC 1982).
/// </summary>
public sealed class ClockTests : IDisposable
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "clock-test-" + Guid.NewGuid().ToString("N")[..8]);

    public ClockTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "zones"));
        File.WriteAllText(Path.Combine(_directory, "zones", "example.com.zone"), "$ORIGIN example.com.\n" + Query.ExampleZones.Example);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private async Task<(uint Serial, uint Inception, uint Expiration)> StartAndAsk(DateTimeOffset now)
    {
        var config = new ServerConfig { Zones = Path.Combine(_directory, "zones"), State = Path.Combine(_directory, "state"), Listen = ["127.0.0.1:0"] };
        await using var server = new DnsServer(config, NullLoggerFactory.Instance, new ManualClock(now));
        await server.StartAsync(CancellationToken.None);
        var zone = server.Store.Current.Get(Zone.Names.DnsName.Parse("example.com."))!;
        var soaSignature = zone.Zone.Apex.FindSignatures(RRType.SOA)!.Rdatas[0];
        uint expiration = BinaryPrimitives.ReadUInt32BigEndian(soaSignature.AsSpan(8));
        uint inception = BinaryPrimitives.ReadUInt32BigEndian(soaSignature.AsSpan(12));
        await server.StopAsync(CancellationToken.None);
        return (zone.Zone.Serial, inception, expiration);
    }

    [Fact]
    public async Task Restart_after_thirty_days_signs_again_before_serving()
    {
        var start = DateTimeOffset.UtcNow;
        var first = await StartAndAsk(start);
        Assert.InRange(first.Inception, (uint)start.AddHours(-2).ToUnixTimeSeconds(), (uint)start.ToUnixTimeSeconds());

        var later = start.AddDays(30);
        var second = await StartAndAsk(later);
        Assert.True(second.Expiration > (uint)later.ToUnixTimeSeconds(), "a signature served after the restart had expired");
        Assert.True(second.Inception <= (uint)later.ToUnixTimeSeconds());
        Assert.True(second.Inception > first.Expiration - (uint)TimeSpan.FromDays(21).TotalSeconds, "not signed again");
        Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(second.Serial, first.Serial), "the new version needs a higher serial");
    }
}
