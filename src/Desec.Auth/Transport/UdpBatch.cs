using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Desec.Auth.Transport;

/// <summary>
/// Linux recvmmsg(2)/sendmmsg(2) for one UDP socket: up to <see cref="Slots"/> datagrams received
/// with one system call (blocking until the first arrives, then taking what is queued), and their
/// answers sent with one more. Under load this spends two system calls on many queries instead of
/// two on each. All buffers live in native memory owned by this object, so nothing moves or is
/// allocated per datagram.
/// </summary>
internal sealed unsafe partial class UdpBatch : IDisposable
{
    public const int Slots = 32;

    /// <summary>Largest query read; a longer datagram is truncated by the kernel and dropped (MSG_TRUNC).</summary>
    public const int RequestSize = 4096;

    /// <summary>Room for the answers of one batch; when it is full, what is there is sent first.</summary>
    private const int SendArenaSize = 128 * 1024;

    private const int MsgWaitForOne = 0x10000;
    private const int MsgTrunc = 0x20;
    private const int AddressSize = 28; // sockaddr_in6, the larger of the two families

    /// <summary>Linux address families, the first (host-order) field of a sockaddr.</summary>
    private const ushort AfInet = 2, AfInet6 = 10;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int recvmmsg(nint fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sendmmsg(nint fd, MMsgHdr* messages, uint count, int flags);

    private readonly Socket _socket;
    private readonly byte* _requests;
    private readonly byte* _addresses;
    private readonly IoVec* _receiveVectors;
    private readonly MMsgHdr* _received;
    private readonly byte* _sendArena;
    private readonly IoVec* _sendVectors;
    private readonly MMsgHdr* _sending;
    private int _sendCount;
    private int _sendUsed;

    public UdpBatch(Socket socket)
    {
        _socket = socket;
        _requests = (byte*)NativeMemory.Alloc(Slots * RequestSize);
        _addresses = (byte*)NativeMemory.AllocZeroed(Slots * AddressSize);
        _receiveVectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(IoVec)));
        _received = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(MMsgHdr)));
        _sendArena = (byte*)NativeMemory.Alloc(SendArenaSize);
        _sendVectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(IoVec)));
        _sending = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Slots * sizeof(MMsgHdr)));
    }

    /// <summary>Whether this platform has the calls (little-endian 64-bit Linux: x64 or arm64, whose struct layouts are declared here).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && Environment.Is64BitProcess && BitConverter.IsLittleEndian;

    /// <summary>
    /// Blocks until at least one datagram arrives (or the socket's receive timeout passes) and
    /// returns how many were read (0 on timeout or shutdown).
    /// </summary>
    public int Receive()
    {
        for (int i = 0; i < Slots; i++)
        {
            _receiveVectors[i] = new IoVec { Base = _requests + i * RequestSize, Length = RequestSize };
            _received[i] = new MMsgHdr
            {
                Header = new MsgHdr { Name = _addresses + i * AddressSize, NameLength = AddressSize, Iov = _receiveVectors + i, IovLength = 1 },
            };
        }
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            int count = recvmmsg(_socket.SafeHandle.DangerousGetHandle(), _received, Slots, MsgWaitForOne, null);
            if (count >= 0) { return count; }
            // EAGAIN (the receive timeout) and EINTR are not errors; anything else is reported.
            return Marshal.GetLastPInvokeError() is 11 or 4 ? 0 : throw new SocketException(Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added) { _socket.SafeHandle.DangerousRelease(); }
        }
    }

    /// <summary>The request in slot <paramref name="index"/>; empty when it was truncated (too long to be a query we answer).</summary>
    public ReadOnlySpan<byte> Request(int index)
    {
        var header = _received[index];
        if ((header.Header.Flags & MsgTrunc) != 0) { return default; }
        return new ReadOnlySpan<byte>(_requests + index * RequestSize, (int)header.Length);
    }

    /// <summary>The sender of the request in slot <paramref name="index"/>, decoded from the sockaddr recvmmsg filled in.</summary>
    public PeerAddress Peer(int index)
    {
        var sockaddr = new ReadOnlySpan<byte>(_addresses + index * AddressSize, (int)Math.Min(_received[index].Header.NameLength, AddressSize));
        if (sockaddr.Length < 2) { return PeerAddress.None; }
        var family = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) switch
        {
            AfInet => AddressFamily.InterNetwork,
            AfInet6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        return PeerAddress.FromSocketAddress(family, sockaddr);
    }

    /// <summary>Room for an answer; <see cref="Queue"/> commits it for the sender of slot <paramref name="index"/>.</summary>
    public Span<byte> ResponseSpace(int maxLength)
    {
        if (_sendUsed + maxLength > SendArenaSize) { Flush(); }
        return new Span<byte>(_sendArena + _sendUsed, Math.Min(maxLength, SendArenaSize));
    }

    public void Queue(int index, int length)
    {
        _sendVectors[_sendCount] = new IoVec { Base = _sendArena + _sendUsed, Length = (nuint)length };
        _sending[_sendCount] = new MMsgHdr
        {
            Header = new MsgHdr
            {
                Name = _addresses + index * AddressSize,
                NameLength = _received[index].Header.NameLength,
                Iov = _sendVectors + _sendCount,
                IovLength = 1,
            },
        };
        _sendCount++;
        _sendUsed += length;
    }

    /// <summary>Sends every queued answer. A datagram the kernel refuses is dropped (UDP promises nothing more).</summary>
    public void Flush()
    {
        if (_sendCount == 0) { return; }
        int sent = 0;
        bool added = false;
        try
        {
            // A socket closed meanwhile (shutdown) drops the answers; the next Receive ends the loop.
            try { _socket.SafeHandle.DangerousAddRef(ref added); }
            catch (ObjectDisposedException) { return; }
            while (sent < _sendCount)
            {
                int count = sendmmsg(_socket.SafeHandle.DangerousGetHandle(), _sending + sent, (uint)(_sendCount - sent), 0);
                // On an error for the first message, skip it and go on with the rest.
                sent += count > 0 ? count : 1;
            }
        }
        finally
        {
            if (added) { _socket.SafeHandle.DangerousRelease(); }
            _sendCount = 0;
            _sendUsed = 0;
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_requests);
        NativeMemory.Free(_addresses);
        NativeMemory.Free(_receiveVectors);
        NativeMemory.Free(_received);
        NativeMemory.Free(_sendArena);
        NativeMemory.Free(_sendVectors);
        NativeMemory.Free(_sending);
    }
}
