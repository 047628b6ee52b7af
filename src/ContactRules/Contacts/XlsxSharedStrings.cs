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
    private sealed class LazyStrings(Func<XmlReader?> open, Func<SharedStringTable> loadAll, Lock gate, int[]?[]? lastUse, Action? loadedAll) : IDisposable
    {
        private const int ChunkBits = 16;
        private const int MaxHeld = 1 << 18;

        // Per string, 1 + the last row (counted from 0 as the sheet gives them) that uses it; 0 when none does.
        // Given when an earlier pass of the run counted them (ReadMemo).
        private int[]?[] _lastUse = lastUse ?? [];
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
            _lastUse = new int[]?[(count >> ChunkBits) + 1];
            _counting = true;
        }

        /// <summary>The next read of the sheet reads its strings, each held until its last row.</summary>
        public void StartReading()
        {
            _counting = false;
            _row = 0;
        }

        public bool IsCounting => _counting;

        /// <summary>Whether the sheet must be read once to count before it is read for its records.</summary>
        public bool NeedsCounting { get; } = lastUse is null;

        /// <summary>The last row of each string, once counted (read-only from then on).</summary>
        public int[]?[] LastUse => _lastUse;

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
        public void Note(int index)
        {
            ref var chunk = ref _lastUse[index >> ChunkBits];
            chunk ??= new int[1 << ChunkBits];
            chunk[index & ((1 << ChunkBits) - 1)] = _row + 1;
        }

        /// <summary>String <paramref name="index"/> (below the part's count), used by the current row.</summary>
        public string Get(int index)
        {
            if (_all is not null)
            {
                return _all[index];
            }
            if (_held.TryGetValue(index, out var held))
            {
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
            return held;
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
                    var last = LastUseOf(_read) - 1;
                    if (!_items.Next(text: last >= _row, out var value))
                    {
                        return false;
                    }
                    if (last >= _row)
                    {
                        _held[_read] = value!;
                        _release.Enqueue(_read, last);
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

        private int LastUseOf(int index) =>
            index >> ChunkBits < _lastUse.Length && _lastUse[index >> ChunkBits] is { } chunk ? chunk[index & ((1 << ChunkBits) - 1)] : 0;

        /// <summary>Closes the part once the sheet is read (or when all strings were loaded).</summary>
        public void Dispose()
        {
            _items?.Dispose();
            _items = null;
        }
    }
}
