using System.Text;
using System.Xml;

namespace ContactRules.Contacts;

internal static partial class XlsxCaseReader
{
    /// <summary>
    /// The items of a shared strings part (<c>&lt;si&gt;</c>), one at a time: an item's text is its <c>t</c>
    /// elements joined, rich text runs included and phonetic hints (<c>rPh</c>) left out, OOXML's escapes undone.
    /// </summary>
    private sealed class StringItems(XmlReader xml) : IDisposable
    {
        private readonly string _si = xml.NameTable.Add("si");
        private readonly string _t = xml.NameTable.Add("t");
        private readonly string _rPh = xml.NameTable.Add("rPh");
        private readonly StringBuilder _text = new();
        // The reading state runs on from item to item, as one pass over the part would keep it.
        private string _first = "";
        private int _pieces;
        private bool _inText;
        private int _phonetic;
        private bool _inItem;

        /// <summary>
        /// Moves to the next item; false at the end of the part. With <paramref name="text"/> false the item is
        /// only passed over (its <paramref name="value"/> is null). The reader's exceptions come through.
        /// </summary>
        public bool Next(bool text, out string? value)
        {
            value = null;
            while (xml.Read())
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Element:
                        var element = xml.LocalName;
                        if (ReferenceEquals(element, _si))
                        {
                            _first = "";
                            _pieces = 0;
                            if (xml.IsEmptyElement)
                            {
                                value = text ? "" : null;
                                return true;
                            }
                            _inItem = true;
                        }
                        else if (!xml.IsEmptyElement)
                        {
                            if (ReferenceEquals(element, _rPh))
                            {
                                _phonetic++;
                            }
                            else if (ReferenceEquals(element, _t))
                            {
                                _inText = _inItem && _phonetic == 0;
                            }
                        }
                        break;
                    case XmlNodeType.EndElement:
                        var end = xml.LocalName;
                        if (ReferenceEquals(end, _t))
                        {
                            _inText = false;
                        }
                        else if (ReferenceEquals(end, _rPh))
                        {
                            _phonetic--;
                        }
                        else if (ReferenceEquals(end, _si))
                        {
                            _inItem = false;
                            value = text ? Unescape(_pieces > 1 ? _text.ToString() : _first) : null;
                            return true;
                        }
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when _inText:
                        if (++_pieces == 1)
                        {
                            _first = text ? xml.Value : "";
                        }
                        else if (text)
                        {
                            if (_pieces == 2)
                            {
                                _text.Clear().Append(_first);
                            }
                            _text.Append(xml.Value);
                        }
                        break;
                }
            }
            return false;
        }

        public void Dispose() => xml.Dispose();
    }

    /// <summary>
    /// A large workbook's shared strings, held only while the sheet still needs them. HQ's export puts every
    /// text cell in the shared strings, so a million-case export has millions of them (ids, names, links),
    /// most used by one row; holding them all for the whole read doubled the memory of an audit. So the
    /// sheet is first read to find the last row that uses each string (<see cref="StartCounting"/>,
    /// <see cref="Note"/>); then, while the sheet is read for its records, the part is read alongside, as far
    /// as the cells ask, keeping a string from where it is read to its last row. Strings are numbered in the
    /// order the rows first use them in the files HQ, Excel and openpyxl write, so only strings that rows use
    /// again (<c>---</c>, owners, flags) are held for long. Should a row ask for a string already let go
    /// (which two reads of the same sheet cannot do), every string is loaded after all. The part is read
    /// holding <paramref name="gate"/>, since the sheet may be read ahead from the same archive meanwhile.
    /// </summary>
    private sealed class LazyStrings(Func<XmlReader?> open, Func<SharedStringTable> loadAll, Lock gate, StringRows? rows, Action? loadedAll) : IDisposable
    {
        private const int MaxHeld = 1 << 18;

        // Which rows use each string; given when an earlier pass of the run counted them (ReadMemo).
        private StringRows _rows = rows ?? new StringRows(0);
        private readonly Dictionary<int, string> _held = [];
        private readonly PriorityQueue<int, int> _release = new();
        private StringItems? _items;
        private int _read;
        private int _row;
        private bool _counting;
        private SharedStringTable? _all;

        /// <summary>The next read of the sheet only notes which rows use which strings.</summary>
        public void StartCounting(int count)
        {
            _rows = new StringRows(count);
            _counting = true;
        }

        /// <summary>The next read of the sheet reads its strings, each held until its last row.</summary>
        public void StartReading()
        {
            _rows.Compact();
            _counting = false;
            _row = 0;
        }

        public bool IsCounting => _counting;

        /// <summary>Whether the sheet must be read once to count before it is read for its records.</summary>
        public bool NeedsCounting { get; } = rows is null;

        /// <summary>Which rows use each string, once counted (read-only from then on).</summary>
        public StringRows Rows => _rows;

        /// <summary>Row <paramref name="row"/> of the sheet (as it gives them, from 0) is read next: strings used by none from it on are let go.</summary>
        public void AtRow(int row)
        {
            _row = row;
            while (!_counting && _release.TryPeek(out var index, out var last) && last < row)
            {
                _release.Dequeue();
                _held.Remove(index);
            }
        }

        /// <summary>While counting: string <paramref name="index"/> (below the part's count) is used by the current row.</summary>
        public void Note(int index) => _rows.Note(index, _row);

        /// <summary>String <paramref name="index"/> (below the part's count), used by the current row.</summary>
        public string Get(int index)
        {
            if (_all is not null)
            {
                return _all[index];
            }
            if (_held.TryGetValue(index, out var held))
            {
                ReleaseAfterThisRow(index);
                return held;
            }
            // Held as strings, many would take more than all of them in the compact table: a workbook whose rows
            // use its strings far out of order is read with them all loaded instead.
            if (index < _read || !ReadTo(index) || !_held.TryGetValue(index, out held) || _held.Count > MaxHeld)
            {
                lock (gate)
                {
                    _all = loadAll();
                }
                _held.Clear();
                _release.Clear();
                loadedAll?.Invoke();
                Dispose();
                return _all[index];
            }
            ReleaseAfterThisRow(index);
            return held;
        }

        /// <summary>A string that one row uses, and whose row was not kept, goes once the row asking for it is read.</summary>
        private void ReleaseAfterThisRow(int index)
        {
            if (_rows.LastRow(index) == StringRows.OneRow)
            {
                _release.Enqueue(index, _row);
            }
        }

        /// <summary>Reads the part on to item <paramref name="index"/>, holding what later rows (or this one) use; false if it cannot.</summary>
        private bool ReadTo(int index)
        {
            lock (gate)
            {
                return ReadToGated(index);
            }
        }

        private bool ReadToGated(int index)
        {
            try
            {
                if (_items is null)
                {
                    if (_read > 0 || open() is not { } xml)
                    {
                        return false;
                    }
                    _items = new StringItems(xml);
                }
                while (_read <= index)
                {
                    var last = _rows.LastRow(_read);
                    var wanted = last == StringRows.OneRow || last >= _row;
                    if (!_items.Next(text: wanted, out var value))
                    {
                        return false;
                    }
                    if (wanted)
                    {
                        _held[_read] = value!;
                        if (last >= 0)
                        {
                            _release.Enqueue(_read, last);
                        }
                    }
                    _read++;
                }
                return true;
            }
            catch (Exception e) when (e is XmlException or IOException or InvalidDataException)
            {
                // Reported when the part was first read; the strings from here on are counted as lost.
                return false;
            }
        }

        /// <summary>Closes the part once the sheet is read (or when all strings were loaded).</summary>
        public void Dispose()
        {
            _items?.Dispose();
            _items = null;
        }
    }

    /// <summary>
    /// Which rows of a sheet use each shared string, as <see cref="LazyStrings"/> needs to know it. While
    /// counting, each string's last row (signed: negative once a second row uses it), 4 bytes a string. Once
    /// counted, and when few strings are used by several rows (as in HQ's exports, where most are one case's
    /// id, name, number or link), it keeps two bits a string and the last row only of those few: a string one
    /// row uses goes once that row is read, whichever row it is.
    /// </summary>
    private sealed class StringRows(int count)
    {
        /// <summary>What <see cref="LastRow"/> gives for a string no row uses.</summary>
        public const int Unused = -1;

        /// <summary>What <see cref="LastRow"/> gives for a string one row uses, once that row is no longer kept.</summary>
        public const int OneRow = -2;

        private const int ChunkBits = 16;

        private int[]?[]? _counted = new int[]?[(count >> ChunkBits) + 1];
        private ulong[] _used = [];
        private ulong[] _severalRows = [];
        private Dictionary<int, int> _lastRows = [];

        /// <summary>While counting: string <paramref name="index"/> (below the count) is used by row <paramref name="row"/>, rows in order.</summary>
        public void Note(int index, int row)
        {
            ref var chunk = ref _counted![index >> ChunkBits];
            chunk ??= new int[1 << ChunkBits];
            ref var last = ref chunk[index & ((1 << ChunkBits) - 1)];
            last = last == 0 || last == row + 1 ? row + 1 : -(row + 1);
        }

        /// <summary>Once counted: two bits a string and the rows of those several rows use, unless too many are.</summary>
        public void Compact()
        {
            if (_counted is null)
            {
                return;
            }
            var several = new Dictionary<int, int>();
            var used = new ulong[(count >> 6) + 1];
            var severalRows = new ulong[used.Length];
            for (var index = 0; index < count; index++)
            {
                var last = Counted(index);
                if (last == 0)
                {
                    continue;
                }
                used[index >> 6] |= 1UL << index;
                if (last < 0)
                {
                    severalRows[index >> 6] |= 1UL << index;
                    several[index] = -last - 1;
                    if (several.Count > count / 8)
                    {
                        // A dictionary entry takes about six times a counted row: keep the counted rows.
                        return;
                    }
                }
            }
            (_used, _severalRows, _lastRows, _counted) = (used, severalRows, several, null);
        }

        /// <summary>The last row that uses string <paramref name="index"/>; <see cref="Unused"/>, or <see cref="OneRow"/> when that row was not kept.</summary>
        public int LastRow(int index)
        {
            if (_counted is not null)
            {
                var last = Counted(index);
                return last == 0 ? Unused : Math.Abs(last) - 1;
            }
            if (index >> 6 >= _used.Length || (_used[index >> 6] & (1UL << index)) == 0)
            {
                return Unused;
            }
            return (_severalRows[index >> 6] & (1UL << index)) != 0 ? _lastRows[index] : OneRow;
        }

        private int Counted(int index) =>
            index >> ChunkBits < _counted!.Length && _counted[index >> ChunkBits] is { } chunk ? chunk[index & ((1 << ChunkBits) - 1)] : 0;
    }
}
