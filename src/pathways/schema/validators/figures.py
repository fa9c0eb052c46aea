# Generated from figures.schema.json by `python -m pathways.schema`
# (fastjsonschema 2.22.3); do not edit: write it again after
# changing the schema (the tests check that it matches).
SCHEMA_SHA256 = '95b8be278400fa11fe18a0e73bcefc3828f5408dc420ab9f067a1342ddfb903b'
ROOT = 'validate'

VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$': re.compile('^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*\\Z'),
    '^(?![\\s\\S]*[\\^_]\\{\\s*\\})': re.compile('^(?![\\s\\S]*[\\^_]\\{\\s*\\})'),
    '^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))': re.compile('^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|\\Z))'),
    '\\S': re.compile('\\S'),
    '^[a-z0-9][a-z0-9_-]*$': re.compile('^[a-z0-9][a-z0-9_-]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set([]) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "figure" in data_keys:
            data_keys.remove("figure")
            data__figure = data["figure"]
            if not isinstance(data__figure, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure must be array")
            data__figure_is_list = isinstance(data__figure, (list, tuple))
            if data__figure_is_list:
                data__figure_len = len(data__figure)
                for data__figure_x, data__figure_item in enumerate(data__figure):
                    if not isinstance(data__figure_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}]".format(**locals()) + " must be object")
                    data__figure_item_is_dict = isinstance(data__figure_item, dict)
                    if data__figure_item_is_dict:
                        data__figure_item__missing_keys = set(['id', 'caption', 'source']) - data__figure_item.keys()
                        if data__figure_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}]".format(**locals()) + " must contain ")
                        data__figure_item_keys = set(data__figure_item.keys())
                        if "id" in data__figure_item_keys:
                            data__figure_item_keys.remove("id")
                            data__figure_item__id = data__figure_item["id"]
                            validate___definitions_id(data__figure_item__id, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].id".format(**locals()))
                        if "caption" in data__figure_item_keys:
                            data__figure_item_keys.remove("caption")
                            data__figure_item__caption = data__figure_item["caption"]
                            validate___definitions_long(data__figure_item__caption, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].caption".format(**locals()))
                        if "caption_inferred" in data__figure_item_keys:
                            data__figure_item_keys.remove("caption_inferred")
                            data__figure_item__captioninferred = data__figure_item["caption_inferred"]
                            if not isinstance(data__figure_item__captioninferred, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].caption_inferred".format(**locals()) + " must be boolean")
                        if "source" in data__figure_item_keys:
                            data__figure_item_keys.remove("source")
                            data__figure_item__source = data__figure_item["source"]
                            validate___definitions_id(data__figure_item__source, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].source".format(**locals()))
                        if "mechanisms" in data__figure_item_keys:
                            data__figure_item_keys.remove("mechanisms")
                            data__figure_item__mechanisms = data__figure_item["mechanisms"]
                            validate___definitions_ids(data__figure_item__mechanisms, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].mechanisms".format(**locals()))
                        if "workflow" in data__figure_item_keys:
                            data__figure_item_keys.remove("workflow")
                            data__figure_item__workflow = data__figure_item["workflow"]
                            validate___definitions_id(data__figure_item__workflow, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].workflow".format(**locals()))
                        if "sources" in data__figure_item_keys:
                            data__figure_item_keys.remove("sources")
                            data__figure_item__sources = data__figure_item["sources"]
                            validate___definitions_ids(data__figure_item__sources, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].sources".format(**locals()))
                        if "exclude" in data__figure_item_keys:
                            data__figure_item_keys.remove("exclude")
                            data__figure_item__exclude = data__figure_item["exclude"]
                            validate___definitions_ids(data__figure_item__exclude, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].exclude".format(**locals()))
                        if "placement" in data__figure_item_keys:
                            data__figure_item_keys.remove("placement")
                            data__figure_item__placement = data__figure_item["placement"]
                            if not isinstance(data__figure_item__placement, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].placement".format(**locals()) + " must be object")
                            data__figure_item__placement_is_dict = isinstance(data__figure_item__placement, dict)
                            if data__figure_item__placement_is_dict:
                                data__figure_item__placement_keys = set(data__figure_item__placement.keys())
                                for data__figure_item__placement_key in data__figure_item__placement_keys:
                                    if data__figure_item__placement_key not in []:
                                        data__figure_item__placement_value = data__figure_item__placement.get(data__figure_item__placement_key)
                                        validate___definitions_id(data__figure_item__placement_value, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].placement.{data__figure_item__placement_key}".format(**locals()))
                                data__figure_item__placement_len = len(data__figure_item__placement)
                                if data__figure_item__placement_len != 0:
                                    data__figure_item__placement_property_names = True
                                    for data__figure_item__placement_key in data__figure_item__placement:
                                        try:
                                            validate___definitions_id(data__figure_item__placement_key, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].placement".format(**locals()))
                                        except (JsonSchemaValueException, JsonSchemaValuesException):
                                            data__figure_item__placement_property_names = False
                                    if not data__figure_item__placement_property_names:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].placement".format(**locals()) + " must be named by propertyName definition")
                        if "compartments" in data__figure_item_keys:
                            data__figure_item_keys.remove("compartments")
                            data__figure_item__compartments = data__figure_item["compartments"]
                            if not isinstance(data__figure_item__compartments, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].compartments".format(**locals()) + " must be boolean")
                        if "measures" in data__figure_item_keys:
                            data__figure_item_keys.remove("measures")
                            data__figure_item__measures = data__figure_item["measures"]
                            if not isinstance(data__figure_item__measures, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].measures".format(**locals()) + " must be boolean")
                        if "rankdir" in data__figure_item_keys:
                            data__figure_item_keys.remove("rankdir")
                            data__figure_item__rankdir = data__figure_item["rankdir"]
                            if not (isinstance(data__figure_item__rankdir, str) and data__figure_item__rankdir == '' or isinstance(data__figure_item__rankdir, str) and data__figure_item__rankdir == 'TB' or isinstance(data__figure_item__rankdir, str) and data__figure_item__rankdir == 'LR'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].rankdir".format(**locals()) + " must be one of ['', 'TB', 'LR']")
                        if "rows" in data__figure_item_keys:
                            data__figure_item_keys.remove("rows")
                            data__figure_item__rows = data__figure_item["rows"]
                            if not isinstance(data__figure_item__rows, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].rows".format(**locals()) + " must be array")
                            data__figure_item__rows_is_list = isinstance(data__figure_item__rows, (list, tuple))
                            if data__figure_item__rows_is_list:
                                data__figure_item__rows_len = len(data__figure_item__rows)
                                for data__figure_item__rows_x, data__figure_item__rows_item in enumerate(data__figure_item__rows):
                                    validate___definitions_ids(data__figure_item__rows_item, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].rows[{data__figure_item__rows_x}]".format(**locals()))
                        if "align" in data__figure_item_keys:
                            data__figure_item_keys.remove("align")
                            data__figure_item__align = data__figure_item["align"]
                            validate___definitions_ids(data__figure_item__align, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].align".format(**locals()))
                        if "note" in data__figure_item_keys:
                            data__figure_item_keys.remove("note")
                            data__figure_item__note = data__figure_item["note"]
                            if not isinstance(data__figure_item__note, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].note".format(**locals()) + " must be array")
                            data__figure_item__note_is_list = isinstance(data__figure_item__note, (list, tuple))
                            if data__figure_item__note_is_list:
                                data__figure_item__note_len = len(data__figure_item__note)
                                for data__figure_item__note_x, data__figure_item__note_item in enumerate(data__figure_item__note):
                                    if not isinstance(data__figure_item__note_item, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}]".format(**locals()) + " must be object")
                                    data__figure_item__note_item_is_dict = isinstance(data__figure_item__note_item, dict)
                                    if data__figure_item__note_item_is_dict:
                                        data__figure_item__note_item__missing_keys = set(['text', 'source', 'quote']) - data__figure_item__note_item.keys()
                                        if data__figure_item__note_item__missing_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}]".format(**locals()) + " must contain ")
                                        data__figure_item__note_item_keys = set(data__figure_item__note_item.keys())
                                        if "text" in data__figure_item__note_item_keys:
                                            data__figure_item__note_item_keys.remove("text")
                                            data__figure_item__note_item__text = data__figure_item__note_item["text"]
                                            validate___definitions_long(data__figure_item__note_item__text, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}].text".format(**locals()))
                                        if "source" in data__figure_item__note_item_keys:
                                            data__figure_item__note_item_keys.remove("source")
                                            data__figure_item__note_item__source = data__figure_item__note_item["source"]
                                            validate___definitions_id(data__figure_item__note_item__source, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}].source".format(**locals()))
                                        if "quote" in data__figure_item__note_item_keys:
                                            data__figure_item__note_item_keys.remove("quote")
                                            data__figure_item__note_item__quote = data__figure_item__note_item["quote"]
                                            validate___definitions_quote(data__figure_item__note_item__quote, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}].quote".format(**locals()))
                                        if "status" in data__figure_item__note_item_keys:
                                            data__figure_item__note_item_keys.remove("status")
                                            data__figure_item__note_item__status = data__figure_item__note_item["status"]
                                            validate___definitions_status(data__figure_item__note_item__status, custom_formats, (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}].status".format(**locals()))
                                        if "contradicts" in data__figure_item__note_item_keys:
                                            data__figure_item__note_item_keys.remove("contradicts")
                                            data__figure_item__note_item__contradicts = data__figure_item__note_item["contradicts"]
                                            if not isinstance(data__figure_item__note_item__contradicts, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}].contradicts".format(**locals()) + " must be boolean")
                                        if data__figure_item__note_item_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}].note[{data__figure_item__note_x}]".format(**locals()) + " must not contain "+str(data__figure_item__note_item_keys)+" properties")
                        if data__figure_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".figure[{data__figure_x}]".format(**locals()) + " must not contain "+str(data__figure_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate___definitions_status(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'stated' or isinstance(data, str) and data == 'hedged' or isinstance(data, str) and data == 'hypothesised'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['stated', 'hedged', 'hypothesised']")
    return data

def validate___definitions_quote(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        data_len = len(data)
        if data_len > 2000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 2000 characters")
    return data

def validate___definitions_ids(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            validate___definitions_id(data_item, custom_formats, (name_prefix or "data") + "[{data_x}]".format(**locals()))
    return data

def validate___definitions_long(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern \\S")
        data_len = len(data)
        if data_len > 1000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 1000 characters")
    return data

def validate___definitions_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 64:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 64 characters")
        if not REGEX_PATTERNS['^[a-z0-9][a-z0-9_-]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9][a-z0-9_-]*$")
    return data