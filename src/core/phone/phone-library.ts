/**
 * The libphonenumber-js functions and metadata the reader is built over. Production uses the
 * installed version with its "min" metadata; a test builds the same reader over another version
 * (devDependency `libphonenumber-js-previous`) to prove that keys do not depend on the metadata.
 */
import {
  Metadata,
  type MetadataJson,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/max/metadata';
import minMetadata from 'libphonenumber-js/min/metadata';

export interface PhoneLibrary {
  Metadata: typeof Metadata;
  parsePhoneNumberFromString: typeof parsePhoneNumberFromString;
  validatePhoneNumberLength: typeof validatePhoneNumberLength;
  /** "min" metadata: what parses and tells a valid number (its national number pattern). */
  metadata: MetadataJson;
  /** "max" metadata: the ranges of each number type, which tell a repaired reading worth looking up. */
  fullMetadata: MetadataJson;
}

export const INSTALLED_PHONE_LIBRARY: PhoneLibrary = {
  Metadata,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  metadata: minMetadata,
  fullMetadata,
};
