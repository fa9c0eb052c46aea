# Generated from sources.schema.json by `python -m pathways.schema`
# (fastjsonschema 2.22.3); do not edit: write it again after
# changing the schema (the tests check that it matches).
SCHEMA_SHA256 = 'b04f6c4c346083fbfbb9e7f4e6004e4576ee58eb3db795c4c54361fc7477cb6f'
ROOT = 'validate'

VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$': re.compile('^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*\\Z'),
    '^[^\t\n\r]*$': re.compile('^[^\t\n\r]*\\Z'),
    '^(?![\\s\\S]*[\\^_]\\{\\s*\\})': re.compile('^(?![\\s\\S]*[\\^_]\\{\\s*\\})'),
    '^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))': re.compile('^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|\\Z))'),
    '^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+$': re.compile('^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+\\Z'),
    '\\S': re.compile('\\S'),
    '^[a-z0-9][a-z0-9_-]*$': re.compile('^[a-z0-9][a-z0-9_-]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['source']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be array")
            data__source_is_list = isinstance(data__source, (list, tuple))
            if data__source_is_list:
                data__source_len = len(data__source)
                for data__source_x, data__source_item in enumerate(data__source):
                    if not isinstance(data__source_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must be object")
                    data__source_item_is_dict = isinstance(data__source_item, dict)
                    if data__source_item_is_dict:
                        data__source_item__missing_keys = set(['id', 'title', 'address']) - data__source_item.keys()
                        if data__source_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must contain ")
                        data__source_item_keys = set(data__source_item.keys())
                        if "id" in data__source_item_keys:
                            data__source_item_keys.remove("id")
                            data__source_item__id = data__source_item["id"]
                            validate___definitions_id(data__source_item__id, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].id".format(**locals()))
                        if "title" in data__source_item_keys:
                            data__source_item_keys.remove("title")
                            data__source_item__title = data__source_item["title"]
                            validate___definitions_long(data__source_item__title, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].title".format(**locals()))
                        if "address" in data__source_item_keys:
                            data__source_item_keys.remove("address")
                            data__source_item__address = data__source_item["address"]
                            validate___definitions_url(data__source_item__address, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].address".format(**locals()))
                        if "publisher" in data__source_item_keys:
                            data__source_item_keys.remove("publisher")
                            data__source_item__publisher = data__source_item["publisher"]
                            validate___definitions_short(data__source_item__publisher, custom_formats, (name_prefix or "data") + ".source[{data__source_x}].publisher".format(**locals()))
                        if "year" in data__source_item_keys:
                            data__source_item_keys.remove("year")
                            data__source_item__year = data__source_item["year"]
                            if not isinstance(data__source_item__year, (int)) and not (isinstance(data__source_item__year, float) and data__source_item__year.is_integer()) or isinstance(data__source_item__year, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be integer")
                            if isinstance(data__source_item__year, (int, float, Decimal)) and not isinstance(data__source_item__year, bool):
                                if data__source_item__year < 1000:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be bigger than or equal to 1000")
                                if data__source_item__year > 9999:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}].year".format(**locals()) + " must be smaller than or equal to 9999")
                        if data__source_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".source[{data__source_x}]".format(**locals()) + " must not contain "+str(data__source_item_keys)+" properties")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate___definitions_short(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]*$")
        if not REGEX_PATTERNS['^[^\t\n\r]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[^\t\n\r]*$")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{\\s*\\})'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{\\s*\\})")
        if not REGEX_PATTERNS['^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?![\\s\\S]*[\\^_]\\{[^{}]*(?:\\{|$))")
        data_len = len(data)
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters")
    return data

def validate___definitions_url(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string")
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 2000:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 2000 characters")
        if not REGEX_PATTERNS['^(?:https?://|file:///)[^\\s"<>\x00-\x1f\x7f-\x9f]+$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^(?:https?://|file:///)[^\\s\"<>\x00-\x1f\x7f-\x9f]+$")
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